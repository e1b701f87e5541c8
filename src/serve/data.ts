/**
 * The app's data: the requested dataset, or synthetic data (saying so loudly) when it can be neither
 * found nor downloaded; then movie metadata (director, cast, plot, poster URL) joined from a
 * movies_extrainfos.dat beside it or in the shared ML-1M folder, when one exists.
 */
import { enrichFromExtraInfos } from '../data/extra-infos.ts';
import { describeDropped } from '../data/readers/bad-rows.ts';
import type { MovieLensDataset } from '../data/schema.ts';
import { loadDataset, resolveDataset } from '../data/source.ts';

/** The synthetic dataset used when no MovieLens data can be had. */
export const FALLBACK_DATA = 'synthetic:100k';

/** The loaded data, the spec that produced it (for retraining) and a line for the admin page. */
export interface AppData {
  ds: MovieLensDataset;
  spec: string;
  description: string;
}

/** Joins movie metadata onto `ds` from the first metadata file found; returns a line saying what happened. */
export async function enrichWhereAvailable(ds: MovieLensDataset, dir: string): Promise<string> {
  const { file, report } = await enrichFromExtraInfos(ds, dir);
  if (!report) return 'no movie metadata found (no director, cast, plot or posters)';
  return `metadata for ${report.matched} of ${report.total} movies from ${file}`;
}

/** Loads `spec` (or the synthetic fallback) and enriches it; see the file comment. */
export async function loadAppData(spec: string, log: (line: string) => void): Promise<AppData> {
  let dir: string;
  try {
    dir = await resolveDataset(spec);
  } catch (error) {
    if (spec.startsWith('synthetic')) throw error;
    log(`maxella: could not get ${spec}: ${(error as Error).message}`);
    log(`maxella: starting on SYNTHETIC data (${FALLBACK_DATA}) instead: titles and ratings are generated, not real MovieLens data`);
    const ds = await loadDataset(FALLBACK_DATA);
    return { ds, spec: FALLBACK_DATA, description: `synthetic data (${ds.ratings.length} generated ratings; ${spec} was not available)` };
  }
  const ds = await loadDataset(spec);
  const enrichment = spec.startsWith('synthetic') ? 'synthetic data: no movie metadata' : await enrichWhereAvailable(ds, dir);
  log(`maxella: ${ds.name}: ${ds.ratings.length} ratings, ${ds.users.length} users, ${ds.movies.length} movies; ${enrichment}`);
  if (ds.dropped) log(`maxella: ${describeDropped(ds.dropped)}`);
  return { ds, spec, description: `${ds.name} (${ds.ratings.length} ratings; ${enrichment})` };
}
