/**
 * Train/test splits of rating rows: seeded random (as TFRS's `shuffle(seed).take(n)`), per-user stratified
 * random (as Microsoft Recommenders), per-user temporal (leave the last N out) and the ML-100K u1-u5 / ua / ub folds. Each is `{ train, test }` of row indices.
 */
import type { MovieLensDataset } from './schema.ts';
import { Rng } from '../util/random.ts';
import { DataError } from './readers/data-error.ts';
import { joinPath as join } from './readers/files.ts';
import { scanNumericFile } from './readers/numeric.ts';
import { gathered, groupByKey } from '../util/group.ts';

/** Rating row indices of a split; `validation` only for three-way random splits. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
  validation?: Int32Array;
}

/**
 * Shuffles 0..n-1 with `seed` and cuts it by `fractions` ([0.8, 0.2], [0.75, 0.25], [0.9, 0.1], or three
 * parts train / test / validation). Fractions summing below 1 leave the rest out, as `take` does.
 * Rows stay in shuffled order.
 */
export function randomSplit(n: number, fractions: readonly number[], seed: number): Split {
  if (fractions.length < 1 || fractions.length > 3 || fractions.some((f) => !(f >= 0))) throw new RangeError(`fractions must be 1 to 3 non-negative numbers, got [${fractions}]`);
  const sum = fractions.reduce((a, b) => a + b, 0);
  if (sum > 1 + 1e-9) throw new RangeError(`fractions sum to ${sum} > 1`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  new Rng(seed).shuffle(order);
  const parts: Int32Array[] = [];
  let start = 0;
  const all = fractions.length === 1 ? [fractions[0], 1 - fractions[0]] : fractions;
  for (const f of all) {
    const size = Math.min(n - start, Math.round(f * n));
    parts.push(order.slice(start, start + size));
    start += size;
  }
  const split: Split = { train: parts[0], test: parts[1] };
  if (parts[2]) split.validation = parts[2];
  return split;
}

/**
 * Rating rows grouped by user (CSR): rows of user u are `rows[offsets[u]..offsets[u+1])`, in row order
 * (of `within` when given: only those rows).
 */
export function rowsByUser(ds: MovieLensDataset, within?: Int32Array): { offsets: Int32Array; rows: Int32Array } {
  const { ratings, users } = ds;
  const n = within ? within.length : ratings.length;
  const rowAt = within ? (i: number) => within[i] : (i: number) => i;
  const { offsets, order } = groupByKey(n, users.length, (i) => ratings.user[rowAt(i)]);
  return { offsets, rows: within ? gathered(within, order) : order };
}

/**
 * Per user, the `leaveLast` latest ratings (by timestamp, ties by row) go to test, the rest to train.
 * Users with `leaveLast` ratings or fewer stay wholly in train. Both outputs are in row order.
 */
export function temporalSplit(ds: MovieLensDataset, leaveLast = 1): Split {
  if (!Number.isInteger(leaveLast) || leaveLast < 1) throw new RangeError(`leaveLast must be a positive integer, got ${leaveLast}`);
  const ts = ds.ratings.timestamp;
  const { offsets, rows } = rowsByUser(ds);
  const isTest = new Uint8Array(ds.ratings.length);
  let testCount = 0;
  for (let u = 0; u + 1 < offsets.length; u++) {
    const userRows = rows.subarray(offsets[u], offsets[u + 1]);
    if (userRows.length <= leaveLast) continue;
    const latest = Array.from(userRows).sort((a, b) => ts[b] - ts[a] || b - a);
    for (let k = 0; k < leaveLast; k++) isTest[latest[k]] = 1;
    testCount += leaveLast;
  }
  return partition(isTest, testCount);
}

/**
 * Per-user stratified random split (Microsoft Recommenders' `python_stratified_split`): each user's
 * ratings are shuffled with `seed` and the first `floor(trainFraction · n)` go to train, the rest to
 * test, so every user appears on both sides in proportion. Both outputs are in row order. With
 * `within`, only those rows are split (e.g. a validation split carved from a training part).
 */
export function stratifiedSplit(ds: MovieLensDataset, trainFraction = 0.75, seed = 42, within?: Int32Array): Split {
  if (!(trainFraction > 0 && trainFraction < 1)) throw new RangeError(`trainFraction must be in (0, 1), got ${trainFraction}`);
  const { offsets, rows } = rowsByUser(ds, within);
  const rng = new Rng(seed);
  const isTest = new Uint8Array(ds.ratings.length);
  let testCount = 0;
  for (let u = 0; u + 1 < offsets.length; u++) {
    const userRows = rng.shuffle(rows.slice(offsets[u], offsets[u + 1]));
    // A small epsilon so 0.75 · 4 = 3 is not floored to 2 by rounding error.
    const keep = Math.floor(trainFraction * userRows.length + 1e-9);
    for (let k = keep; k < userRows.length; k++) isTest[userRows[k]] = 1;
    testCount += userRows.length - keep;
  }
  return partition(isTest, testCount, within);
}

/** Rows (all, or those of `within`) with flag 0 → train, 1 → test, in row order. */
function partition(isTest: Uint8Array, testCount: number, within?: Int32Array): Split {
  const rows = within ? Int32Array.from(within).sort() : undefined;
  const n = rows ? rows.length : isTest.length;
  const train = new Int32Array(n - testCount);
  const test = new Int32Array(testCount);
  let a = 0;
  let b = 0;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    if (isTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** An ML-100K fold: 1-5 (u1-u5: 80,000 / 20,000) or 'a' / 'b' (ua, ub: 10 test ratings per user). */
export type Ml100kFold = 1 | 2 | 3 | 4 | 5 | 'a' | 'b';

/**
 * Reads `u{k}.base` / `u{k}.test` from `dir` and maps every line to the dataset's rating row (the
 * same user, movie, rating and timestamp); a line with no such rating throws a DataError.
 */
export async function foldSplit(ds: MovieLensDataset, dir: string, k: Ml100kFold): Promise<Split> {
  const { ratings, users, movies } = ds;
  const userIds = new Map<number, number>();
  users.id.forEach((id, row) => userIds.set(id, row));
  const movieIds = new Map<number, number>();
  movies.id.forEach((id, row) => movieIds.set(id, row));
  const rowOf = new Map<number, number>();
  for (let i = 0; i < ratings.length; i++) rowOf.set(ratings.user[i] * movies.length + ratings.movie[i], i);
  const read = async (file: string): Promise<Int32Array> => {
    const path = join(dir, file);
    const out: number[] = [];
    await scanNumericFile(path, { separator: '\t', fields: ['user id', 'item id', 'rating', 'timestamp'] }, (v, line) => {
      const u = userIds.get(v[0]);
      const m = movieIds.get(v[1]);
      const row = u === undefined || m === undefined ? undefined : rowOf.get(u * movies.length + m);
      if (row === undefined || ratings.rating[row] !== v[2] || ratings.timestamp[row] !== v[3]) {
        throw new DataError(path, line, `rating of user ${v[0]} for item ${v[1]} (${v[2]} at ${v[3]}) is not in dataset ${ds.name}`);
      }
      out.push(row);
    });
    return Int32Array.from(out);
  };
  return { train: await read(`u${k}.base`), test: await read(`u${k}.test`) };
}
