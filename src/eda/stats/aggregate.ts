/**
 * Columnar group-by helpers the EDA statistics share: one pass over the rating columns into
 * count/sum arrays indexed by a dense key, and a top-k selection over those arrays.
 */
import type { MovieLensDataset, Ratings } from '../../data/schema.ts';

/** Number of ratings and sum of rating values per dense key. */
export interface Totals {
  count: Float64Array;
  sum: Float64Array;
}

/** Totals of `ratings` grouped by `keyOf(i)` in [0, nKeys); a negative key leaves rating i out. */
export function totalsBy(ratings: Ratings, nKeys: number, keyOf: (i: number) => number): Totals {
  const count = new Float64Array(nKeys);
  const sum = new Float64Array(nKeys);
  const { rating } = ratings;
  for (let i = 0; i < ratings.length; i++) {
    const k = keyOf(i);
    if (k < 0) continue;
    count[k]++;
    sum[k] += rating[i];
  }
  return { count, sum };
}

/** A rating's key taken from a per-user key column (`userKey[u]`, negative = leave out). */
export function keyByUser(ds: MovieLensDataset, userKey: ArrayLike<number>): (i: number) => number {
  const user = ds.ratings.user;
  return (i) => userKey[user[i]];
}

/** A rating's key taken from a per-movie key column (`movieKey[m]`, negative = leave out). */
export function keyByMovie(ds: MovieLensDataset, movieKey: ArrayLike<number>): (i: number) => number {
  const movie = ds.ratings.movie;
  return (i) => movieKey[movie[i]];
}

/** Number of ratings of every movie row. */
export function ratingsPerMovie(ds: MovieLensDataset): Float64Array {
  const { movie } = ds.ratings;
  return totalsBy(ds.ratings, ds.movies.length, (i) => movie[i]).count;
}

/** Mean rating of key k, NaN when it has no ratings. */
export function meanOf(totals: Totals, k: number): number {
  return totals.count[k] > 0 ? totals.sum[k] / totals.count[k] : Number.NaN;
}

/** `x` rounded to `digits` decimals (for tables and CSVs). */
export function roundTo(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * The keys in [from, to) with the `top` largest scores (smallest when `ascending`) among those
 * `keep` accepts; ties go to the smaller key so results are deterministic.
 */
export function topKeys(
  from: number,
  to: number,
  top: number,
  score: (k: number) => number,
  options: { keep?: (k: number) => boolean; ascending?: boolean } = {},
): number[] {
  const sign = options.ascending ? 1 : -1;
  const keys: number[] = [];
  for (let k = from; k < to; k++) if (!options.keep || options.keep(k)) keys.push(k);
  keys.sort((a, b) => sign * (score(a) - score(b)) || a - b);
  return keys.slice(0, top);
}

/** Dense ids for distinct strings, in first-seen order. */
export function denseIds(values: readonly string[]): { ids: Int32Array; labels: string[] } {
  const index = new Map<string, number>();
  const ids = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let id = index.get(values[i]);
    if (id === undefined) index.set(values[i], (id = index.size));
    ids[i] = id;
  }
  return { ids, labels: [...index.keys()] };
}
