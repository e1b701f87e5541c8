/**
 * Finding and joining movies_extrainfos.dat (director, cast, writers, release date, plot, poster: the
 * seeds' enrichment) for a loaded dataset. The EDA report, the experiments and the app all use this.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { enrichDataset, readExtraInfos, type MatchReport } from './enrich.ts';
import type { MovieLensDataset } from './schema.ts';
import { releaseCandidates } from './source.ts';

/** The file name of the ML-1M metadata file. */
export const EXTRA_INFOS_FILE = 'movies_extrainfos.dat';

/** Releases whose real titles the ML-1M movies_extrainfos.dat matches (ML-100K joins by title and year). */
const ENRICHABLE_RELEASES = new Set(['ml-100k', 'ml-1m']);

/**
 * Where a dataset's movies_extrainfos.dat may be: its own folder, then — for the real ML-100K and
 * ML-1M only — the ML-1M release folders (`$MAXELLA_DATA_DIR`, ../shared, the cache).
 */
export function extraInfosCandidates(datasetDir: string, datasetName: string): string[] {
  const dirs = [datasetDir, ...(ENRICHABLE_RELEASES.has(datasetName) ? releaseCandidates('ml-1m') : [])];
  return dirs.map((d) => join(d, EXTRA_INFOS_FILE));
}

/** What `enrichFromExtraInfos` did. */
export interface ExtraInfosJoin {
  /** The file joined, or undefined when none was found. */
  file?: string;
  report?: MatchReport;
  /** Where it looked (for a message when nothing was found). */
  searched: string[];
}

/**
 * Joins movie metadata onto `ds` (in place, `ds.enrichment`) from `file`, or from the first of
 * `extraInfosCandidates(datasetDir, ds.name)` that exists. An explicit `file` that does not exist is
 * an error; finding none otherwise is not (the result says where it looked).
 */
export async function enrichFromExtraInfos(ds: MovieLensDataset, datasetDir: string, file?: string): Promise<ExtraInfosJoin> {
  const searched = file ? [file] : extraInfosCandidates(datasetDir, ds.name);
  const found = searched.find((c) => existsSync(c));
  if (file && !found) throw new Error(`enrichment file ${file} does not exist`);
  if (!found) return { searched };
  return { file: found, report: enrichDataset(ds, await readExtraInfos(found)), searched };
}
