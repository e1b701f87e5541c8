/**
 * A synthetic MovieLens generator: writes a release folder in exactly the official file format of
 * ML-100K, ML-1M or the CSV releases (latest, 20M, 25M), at any size, with the real releases' shape
 * (long-tail movie popularity, log-normal user activity with at least 20 ratings per user, the real
 * rating distribution, per-user rating sessions, demographics, genres, titles with years).
 *
 * Output is streamed per user with backpressure, so memory stays bounded at any size; the same seed
 * always gives the same bytes. Ratings carry signal: rating = quantile of (user bias + movie bias + noise).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Rng } from '../util/random.ts';
import { type Catalog, cumulativeShares, makeCatalog, quantileIndex } from './synthetic-catalog.ts';
import { FILE_WRITERS, RATINGS_FILE } from './synthetic-files.ts';
import { MIN_RATINGS_PER_USER, RELEASE_SHAPES, TAGS, type SyntheticFormat } from './synthetic-shape.ts';
import { csvField, TextFileWriter } from './text-writer.ts';

export { SYNTHETIC_FORMATS, type SyntheticFormat } from './synthetic-shape.ts';

/** What to generate; sizes default to the real release of `format`, scaled when only `ratings` is given. */
export interface SyntheticOptions {
  format: SyntheticFormat;
  ratings?: number;
  users?: number;
  movies?: number;
  seed?: number;
}

/** What was written. */
export interface SyntheticSummary {
  format: SyntheticFormat;
  ratings: number;
  users: number;
  movies: number;
  seed: number;
  files: string[];
}

/** The default seed of synthetic releases. */
export const DEFAULT_SYNTHETIC_SEED = 42;

/** Writes a synthetic release into `dir` (created if needed) and returns what it wrote. */
export async function writeSyntheticMovieLens(dir: string, opts: SyntheticOptions): Promise<SyntheticSummary> {
  const sizes = planSizes(opts);
  const seed = opts.seed ?? DEFAULT_SYNTHETIC_SEED;
  await mkdir(dir, { recursive: true });
  const catalog = makeCatalog(opts.format, sizes.movies, new Rng(seed ^ 0x5eed01));
  const counts = userActivity(sizes.users, sizes.ratings, sizes.movies, new Rng(seed ^ 0x5eed02));
  const files = FILE_WRITERS[opts.format];
  await files.movies(dir, catalog, new Rng(seed ^ 0x5eed03));
  await files.users?.(dir, sizes.users, new Rng(seed ^ 0x5eed04));
  await files.extras?.(dir, sizes);
  await writeRatings(dir, opts.format, catalog, counts, new Rng(seed ^ 0x5eed05));
  return { format: opts.format, ...sizes, seed, files: files.names };
}

/** Sizes for `opts`: explicit values win; else the real release's, scaled to the requested rating count. */
export function planSizes(opts: SyntheticOptions): { ratings: number; users: number; movies: number } {
  const shape = RELEASE_SHAPES[opts.format];
  const ratings = opts.ratings ?? shape.ratings;
  if (!Number.isInteger(ratings) || ratings < 1) throw new Error(`synthetic: ratings must be a positive integer, got ${ratings}`);
  const scale = ratings / shape.ratings;
  const movies = opts.movies ?? Math.max(30, Math.round(shape.movies * Math.sqrt(scale)));
  const fewestUsers = Math.ceil(ratings / movies);
  const users = opts.users ?? Math.max(fewestUsers, Math.min(Math.round(shape.users * scale), Math.floor(ratings / MIN_RATINGS_PER_USER)) || 1);
  if (users * movies < ratings) throw new Error(`synthetic: ${ratings} unique ratings do not fit ${users} users x ${movies} movies`);
  return { ratings, users, movies };
}

/**
 * Ratings per user: log-normal extra activity on top of the minimum, summing to exactly `ratings`. The
 * heaviest users are capped at 60% of the catalog (ML-1M's busiest user rated 2,314 of 3,706 movies).
 */
function userActivity(users: number, ratings: number, movies: number, rng: Rng): Int32Array {
  const floor = Math.min(MIN_RATINGS_PER_USER, Math.floor(ratings / users), movies);
  const cap = Math.min(movies, Math.max(Math.ceil(ratings / users), Math.round(0.6 * movies)));
  const weight = Float64Array.from({ length: users }, () => Math.exp(1.15 * rng.normal()));
  const totalWeight = weight.reduce((a, b) => a + b, 0);
  const extra = ratings - floor * users;
  const counts = new Int32Array(users);
  let assigned = 0;
  for (let u = 0; u < users; u++) assigned += counts[u] = Math.min(cap, floor + Math.floor((extra * weight[u]) / totalWeight));
  // Hand out what rounding and capping left over, preferring users already above the minimum.
  for (let pass = 0; assigned < ratings; pass++) {
    for (let u = 0; u < users && assigned < ratings; u++) {
      if (counts[u] < cap && (pass > 0 || counts[u] > floor)) {
        counts[u]++;
        assigned++;
      }
    }
  }
  return counts;
}

/** Streams every rating (and, for the CSV formats, tags.csv) user by user. */
async function writeRatings(dir: string, format: SyntheticFormat, catalog: Catalog, counts: Int32Array, rng: Rng): Promise<void> {
  const shape = RELEASE_SHAPES[format];
  const csv = format !== '100k' && format !== '1m';
  const ratingsFile = new TextFileWriter(join(dir, RATINGS_FILE[format]), csv ? 'utf8' : 'latin1');
  const tagsFile = csv ? new TextFileWriter(join(dir, 'tags.csv'), 'utf8') : undefined;
  if (csv) ratingsFile.push('userId,movieId,rating,timestamp\n');
  tagsFile?.push('userId,movieId,tag,timestamp\n');
  const separator = format === '100k' ? '\t' : '::';
  const ratingText = shape.ratingValues.map((v) => (csv ? v.toFixed(1) : String(v)));
  const ratingQuantile = cumulativeShares(shape.ratingCounts);
  const [start, end] = shape.period;
  const yearStart = Float64Array.from(catalog.year, (y) => Date.UTC(y, 0, 1) / 1000);
  const seen = new Int32Array(catalog.id.length).fill(-1);
  const picked = new Int32Array(counts.reduce((a, b) => Math.max(a, b), 0));
  const scoreScale = Math.sqrt(0.25 + 0.49 + 1);
  for (let u = 0; u < counts.length; u++) {
    const k = pickMovies(u, counts[u], catalog, seen, picked, rng);
    const rows = picked.subarray(0, k);
    if (csv) rows.sort();
    const userBias = 0.5 * rng.normal();
    const sessionStart = start + rng.next() * (end - start);
    const sessionLength = Math.min(end - sessionStart, 86400 * Math.exp(1 + 2 * rng.normal()));
    const userId = u + 1;
    for (const m of rows) {
      const score = (userBias + catalog.bias[m] + rng.normal()) / scoreScale;
      const r = quantileIndex(ratingQuantile, normalCdf(score));
      let ts = Math.floor(sessionStart + rng.next() * sessionLength);
      if (ts < yearStart[m]) ts = Math.floor(Math.max(yearStart[m], start) + rng.next() * (end - Math.max(yearStart[m], start)));
      const movieId = catalog.id[m];
      ratingsFile.push(csv ? `${userId},${movieId},${ratingText[r]},${ts}\n` : `${userId}${separator}${movieId}${separator}${ratingText[r]}${separator}${ts}\n`);
      if (tagsFile && rng.next() < 0.04) tagsFile.push(`${userId},${movieId},${csvField(TAGS[rng.int(TAGS.length)])},${ts + rng.int(600)}\n`);
    }
    await ratingsFile.flushIfFull();
    await tagsFile?.flushIfFull();
  }
  await ratingsFile.close();
  await tagsFile?.close();
}

/** Picks `count` distinct movies for user `u` by popularity (rejection sampling, then most-popular fill). */
function pickMovies(u: number, count: number, catalog: Catalog, seen: Int32Array, out: Int32Array, rng: Rng): number {
  const { cumulativeWeight, byPopularity } = catalog;
  const total = cumulativeWeight[cumulativeWeight.length - 1];
  let k = 0;
  for (let attempts = 3 * count + 100; k < count && attempts > 0; attempts--) {
    const m = byPopularity[lowerBound(cumulativeWeight, rng.next() * total)];
    if (seen[m] !== u) {
      seen[m] = u;
      out[k++] = m;
    }
  }
  for (let r = 0; k < count && r < byPopularity.length; r++) {
    const m = byPopularity[r];
    if (seen[m] !== u) {
      seen[m] = u;
      out[k++] = m;
    }
  }
  return k;
}

/** The first index i with sorted[i] > x (binary search). */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The standard normal CDF (Zelen & Severo's approximation, error < 1e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const tail = 0.3989423 * Math.exp((-x * x) / 2) * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))));
  return x > 0 ? 1 - tail : tail;
}
