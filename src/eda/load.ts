/**
 * The dataset an EDA report describes: `loadDataset(spec)` joined with movie metadata
 * (movies_extrainfos.dat) when one is found beside the data or in the ML-1M release folders.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { enrichDataset, readExtraInfos } from '../data/enrich.ts';
import type { MovieLensDataset } from '../data/schema.ts';
import { loadDataset, releaseCandidates, resolveDataset } from '../data/source.ts';

const EXTRA_INFOS = 'movies_extrainfos.dat';

/** A loaded dataset and a sentence on where its enrichment came from. */
export interface EdaDataset {
  ds: MovieLensDataset;
  enrichmentNote: string;
}

/**
 * Loads `spec`; `enrich` names a movies_extrainfos.dat, or is `false` for none; by default the file is
 * searched beside the data, then in the ML-1M release folders (ML-100K joins it by title and year).
 */
export async function loadEdaDataset(spec: string, enrich?: string | false): Promise<EdaDataset> {
  const dir = await resolveDataset(spec);
  const ds = await loadDataset(spec);
  if (enrich === false) return { ds, enrichmentNote: 'No enrichment data joined (--no-enrich).' };
  const candidates = enrich ? [enrich] : [dir, ...releaseCandidates('ml-1m')].map((d) => join(d, EXTRA_INFOS));
  const file = candidates.find((c) => existsSync(c));
  if (!file) {
    if (enrich) throw new Error(`enrichment file ${enrich} does not exist`);
    return { ds, enrichmentNote: `No enrichment data found (looked for ${candidates.join(', ')}).` };
  }
  const report = enrichDataset(ds, await readExtraInfos(file));
  return { ds, enrichmentNote: `Director and cast: ${EXTRA_INFOS}, ${report.matched} of ${report.total} movies matched (by ${report.method}).` };
}
