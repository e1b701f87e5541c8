/**
 * The dataset an EDA report describes: `loadDataset(spec)` joined with movie metadata
 * (movies_extrainfos.dat) when one is found beside the data or in the ML-1M release folders.
 */
import { enrichFromExtraInfos, EXTRA_INFOS_FILE } from '../data/extra-infos.ts';
import type { MovieLensDataset } from '../data/schema.ts';
import { loadDataset, resolveDataset } from '../data/source.ts';

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
  const joined = await enrichFromExtraInfos(ds, dir, enrich);
  if (!joined.report) return { ds, enrichmentNote: `No enrichment data found (looked for ${joined.searched.join(', ')}).` };
  const { matched, total, method } = joined.report;
  return { ds, enrichmentNote: `Director and cast: ${EXTRA_INFOS_FILE}, ${matched} of ${total} movies matched (by ${method}).` };
}
