/**
 * Loading the experiments' dataset: a release, folder or synthetic spec (`loadDataset`), joined with
 * movie metadata (director / star / release date) when an enrichment file can be found, and cut to a
 * small subset for `--quick`.
 */
import type { MovieLensDataset, Ratings } from '../data/schema.ts';
import { loadDataset, resolveDataset } from '../data/source.ts';
import { enrichFromExtraInfos } from '../data/extra-infos.ts';
import { Rng } from '../util/random.ts';

/** Short names the `--dataset` flag accepts besides `loadDataset`'s specs. */
export const DATASET_ALIASES: Readonly<Record<string, string>> = {
  '100k': 'ml-100k', '1m': 'ml-1m', 'latest-small': 'ml-latest-small', latest: 'ml-latest', '20m': 'ml-20m', '25m': 'ml-25m',
};

/** Options of `loadExperimentDataset`. */
export interface ExperimentDataOptions {
  /** An explicit movies_extrainfos.dat; `false` disables enrichment; default: search `extraInfosCandidates` (src/data/extra-infos.ts). */
  enrich?: string | false;
  /** Keep at most this many ratings (a seeded random subset). */
  maxRatings?: number;
  seed?: number;
  /** Never download a named release. */
  offline?: boolean;
}

/** What was loaded, for the report. */
export interface LoadedExperimentData {
  /** The ratings the experiments use (a subset when `maxRatings` cut it). */
  dataset: MovieLensDataset;
  /** Every rating of the release (the same object when not cut). */
  fullDataset: MovieLensDataset;
  /** The folder the release files are in (ML-100K's u1–u5 folds are read from it). */
  dir: string;
  enrichment: string;
}

/** Loads `spec`, joins enrichment where found, and subsets for quick runs. */
export async function loadExperimentDataset(datasetSpec: string, opts: ExperimentDataOptions = {}): Promise<LoadedExperimentData> {
  const spec = DATASET_ALIASES[datasetSpec] ?? datasetSpec;
  const dir = await resolveDataset(spec, { offline: opts.offline ?? false });
  const fullDataset = await loadDataset(spec, { offline: opts.offline ?? false });
  let dataset = fullDataset;
  let enrichment = 'none';
  if (opts.enrich !== false) {
    const { file, report } = await enrichFromExtraInfos(fullDataset, dir, opts.enrich);
    if (report) enrichment = `${file}: ${report.matched} of ${report.total} movies matched (${report.method})`;
  }
  if (opts.maxRatings !== undefined && opts.maxRatings < dataset.ratings.length) {
    dataset = subsetRatings(dataset, opts.maxRatings, opts.seed ?? 42);
  }
  return { dataset, fullDataset, dir, enrichment };
}

/** The same dataset with a seeded random subset of `count` ratings (users and movies unchanged). */
export function subsetRatings(ds: MovieLensDataset, count: number, seed: number): MovieLensDataset {
  const rows = new Rng(seed).shuffle(Int32Array.from(ds.ratings.user.keys())).subarray(0, count).sort();
  const r = ds.ratings;
  const ratings: Ratings = {
    length: rows.length,
    user: Int32Array.from(rows, (i) => r.user[i]),
    movie: Int32Array.from(rows, (i) => r.movie[i]),
    rating: Float32Array.from(rows, (i) => r.rating[i]),
    timestamp: Float64Array.from(rows, (i) => r.timestamp[i]),
  };
  return { ...ds, ratings };
}
