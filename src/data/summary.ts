/**
 * The seeds' "Initial Statistics Summary" (final report, Table 3: pandas `describe()` over the ratings
 * table) plus counts, time range, rating distribution, activity quartiles and sparsity.
 */
import type { MovieLensDataset } from './schema.ts';
import { bucketizeAge } from './schema.ts';
import { zipCodeNumber } from './wrangle.ts';

/** pandas `describe()` of one numeric column. */
export interface Describe {
  count: number;
  mean: number;
  std: number;
  min: number;
  q25: number;
  q50: number;
  q75: number;
  max: number;
}

/** What `datasetSummary` reports. */
export interface DatasetSummary {
  name: string;
  counts: { ratings: number; users: number; movies: number; ratedMovies: number; ratingUsers: number };
  /** Table 3 columns present in this release (per rating, as in the seeds' DataFrame). */
  describe: Partial<Record<'bucketized_user_age' | 'timestamp' | 'user_occupation_label' | 'user_rating' | 'user_zip_code', Describe>>;
  /** ISO dates of the first and last rating. */
  timeRange: { first: string; last: string } | null;
  /** Rating value → count, ascending. */
  ratingDistribution: { rating: number; count: number; fraction: number }[];
  ratingsPerUser: Describe;
  ratingsPerMovie: Describe;
  /** 1 - ratings / (users x movies). */
  sparsity: number;
  /** Users whose zip code is not a US code (left out of the user_zip_code column). */
  nonUsZipUsers?: number;
}

/**
 * `describe()` of values given as distinct `values` with integer `weights` (how often each occurs):
 * sample std (ddof = 1) and linearly interpolated quartiles, exactly as pandas computes them on the
 * expanded column. Entries with NaN values are skipped.
 */
export function describeWeighted(values: ArrayLike<number>, weights?: ArrayLike<number>): Describe {
  if (!weights) return describeSorted(sortedNumbers(values));
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]) && weights[i] > 0) idx.push(i);
  idx.sort((a, b) => values[a] - values[b]);
  let count = 0;
  let sum = 0;
  for (const i of idx) {
    count += weights[i];
    sum += weights[i] * values[i];
  }
  const mean = sum / count;
  let squares = 0;
  for (const i of idx) squares += weights[i] * (values[i] - mean) ** 2;
  // Cumulative weights let `at(k)` find the k-th value of the expanded, sorted column.
  const cumulative = new Float64Array(idx.length);
  idx.forEach((i, k) => (cumulative[k] = (k > 0 ? cumulative[k - 1] : 0) + weights[i]));
  const at = (position: number): number => {
    let lo = 0;
    let hi = idx.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > position) hi = mid;
      else lo = mid + 1;
    }
    return values[idx[lo]];
  };
  return finish(count, mean, squares, at);
}

/** The non-NaN values, sorted ascending (a native typed-array sort: fast for 25M timestamps). */
function sortedNumbers(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[n++] = values[i];
  return out.subarray(0, n).sort();
}

function describeSorted(sorted: Float64Array): Describe {
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  const mean = sum / sorted.length;
  let squares = 0;
  for (let i = 0; i < sorted.length; i++) squares += (sorted[i] - mean) ** 2;
  return finish(sorted.length, mean, squares, (k) => sorted[Math.min(k, sorted.length - 1)]);
}

/** Assembles a Describe from the moments and `at(k)`, the k-th smallest value (0-based). */
function finish(count: number, mean: number, squares: number, at: (k: number) => number): Describe {
  if (count === 0) return { count: 0, mean: NaN, std: NaN, min: NaN, q25: NaN, q50: NaN, q75: NaN, max: NaN };
  const quantile = (q: number): number => {
    const pos = q * (count - 1);
    const lo = Math.floor(pos);
    const a = at(lo);
    return pos === lo ? a : a + (at(lo + 1) - a) * (pos - lo);
  };
  return {
    count,
    mean,
    std: count > 1 ? Math.sqrt(squares / (count - 1)) : NaN,
    min: at(0),
    q25: quantile(0.25),
    q50: quantile(0.5),
    q75: quantile(0.75),
    max: at(count - 1),
  };
}

/** A per-user column described per rating: each user's value weighted by their number of ratings. */
function describePerRating(perUser: (u: number) => number, userRatingCounts: Int32Array): Describe {
  const values = Float64Array.from(userRatingCounts, (_, u) => perUser(u));
  return describeWeighted(values, userRatingCounts);
}

/** Counts of `rows[i]` values in [0, n). */
function countBy(rows: Int32Array, n: number): Int32Array {
  const c = new Int32Array(n);
  for (let i = 0; i < rows.length; i++) c[rows[i]]++;
  return c;
}

/** The seeds' summary of a dataset. */
export function datasetSummary(ds: MovieLensDataset): DatasetSummary {
  const { ratings, users, movies } = ds;
  const perUser = countBy(ratings.user, users.length);
  const perMovie = countBy(ratings.movie, movies.length);
  const describe: DatasetSummary['describe'] = {};
  if (users.age) {
    const age = users.age;
    describe.bucketized_user_age = describePerRating((u) => (users.ageIsGroup ? age[u] : bucketizeAge(age[u])), perUser);
  }
  let minTs = Infinity;
  let maxTs = -Infinity;
  for (let i = 0; i < ratings.length; i++) {
    const t = ratings.timestamp[i];
    if (t < minTs) minTs = t;
    if (t > maxTs) maxTs = t;
  }
  describe.timestamp = describeWeighted(ratings.timestamp);
  if (users.occupationLabel) {
    const labels = users.occupationLabel;
    describe.user_occupation_label = describePerRating((u) => labels[u], perUser);
  }
  const histogram = new Map<number, number>();
  for (let i = 0; i < ratings.length; i++) histogram.set(ratings.rating[i], (histogram.get(ratings.rating[i]) ?? 0) + 1);
  const distinct = [...histogram.keys()].sort((a, b) => a - b);
  describe.user_rating = describeWeighted(distinct, distinct.map((r) => histogram.get(r)!));
  const summary: DatasetSummary = {
    name: ds.name,
    counts: {
      ratings: ratings.length,
      users: users.length,
      movies: movies.length,
      ratedMovies: perMovie.reduce((n, c) => n + (c > 0 ? 1 : 0), 0),
      ratingUsers: perUser.reduce((n, c) => n + (c > 0 ? 1 : 0), 0),
    },
    describe,
    timeRange: ratings.length > 0 ? { first: new Date(minTs * 1000).toISOString(), last: new Date(maxTs * 1000).toISOString() } : null,
    ratingDistribution: distinct.map((rating) => ({ rating, count: histogram.get(rating)!, fraction: histogram.get(rating)! / ratings.length })),
    ratingsPerUser: describeWeighted(perUser),
    ratingsPerMovie: describeWeighted(perMovie),
    sparsity: users.length * movies.length > 0 ? 1 - ratings.length / (users.length * movies.length) : NaN,
  };
  if (users.zipCode) {
    const zips = Float64Array.from(users.zipCode, zipCodeNumber);
    describe.user_zip_code = describeWeighted(zips, perUser);
    summary.nonUsZipUsers = zips.reduce((n, z) => n + (Number.isNaN(z) ? 1 : 0), 0);
  }
  return summary;
}

const STAT_ROWS = ['count', 'mean', 'std', 'min', 'q25', 'q50', 'q75', 'max'] as const;
const STAT_LABELS: Record<(typeof STAT_ROWS)[number], string> = { count: 'count', mean: 'mean', std: 'std', min: 'min', q25: '25%', q50: '50%', q75: '75%', max: 'max' };

/** A table with right-aligned columns. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string => cells.map((s, c) => (c === 0 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const fmt = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(1));
const int = (x: number): string => x.toLocaleString('en-US');

/** The summary as readable text: the Table 3 statistics first, then counts and distributions. */
export function formatSummary(s: DatasetSummary): string {
  const columns = Object.keys(s.describe) as (keyof DatasetSummary['describe'])[];
  const stats = table(['', ...columns], STAT_ROWS.map((stat) => [STAT_LABELS[stat], ...columns.map((c) => fmt(s.describe[c]![stat]))]));
  const counts = [
    `ratings       ${int(s.counts.ratings)}`,
    `users         ${int(s.counts.users)} (${int(s.counts.ratingUsers)} with ratings)`,
    `movies        ${int(s.counts.movies)} (${int(s.counts.ratedMovies)} rated)`,
    `sparsity      ${(s.sparsity * 100).toFixed(2)}%`,
  ];
  if (s.timeRange) counts.push(`time range    ${s.timeRange.first.slice(0, 10)} .. ${s.timeRange.last.slice(0, 10)}`);
  if (s.nonUsZipUsers !== undefined) counts.push(`non-US zips   ${int(s.nonUsZipUsers)} users (left out of user_zip_code)`);
  const dist = table(['rating', 'count', 'share'], s.ratingDistribution.map((d) => [String(d.rating), int(d.count), `${(d.fraction * 100).toFixed(1)}%`]));
  const activity = table(
    ['', ...STAT_ROWS.map((r) => STAT_LABELS[r])],
    [
      ['ratings per user', ...STAT_ROWS.map((r) => fmt(s.ratingsPerUser[r]))],
      ['ratings per movie', ...STAT_ROWS.map((r) => fmt(s.ratingsPerMovie[r]))],
    ],
  );
  return [`Dataset ${s.name}`, '', 'Initial statistics summary (per rating)', stats, '', ...counts, '', 'Rating distribution', dist, '', 'Activity', activity].join('\n');
}
