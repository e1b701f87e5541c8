/** Reads a ratings file of any release into columns, checking every value and id. */
import type { MovieLensDataset, Movies, Ratings, Users } from '../schema.ts';
import { BadRows } from './bad-rows.ts';
import { IdIndex, RatingsBuilder } from './columns.ts';
import { DataError } from './data-error.ts';
import { joinPath as join } from './files.ts';
import { regularFileSize, type ProgressTracker } from './lines.ts';
import { scanNumericFile } from './numeric.ts';
import { groupByKey } from '../../util/group.ts';

/** The rating scale of a release: whole stars 1-5 (100K, 1M) or half stars 0.5-5 (latest, 20M, 25M). */
export type RatingScale = 'whole' | 'half';

/** How to read one ratings file. */
export interface RatingsFileSpec {
  separator: string;
  header?: string;
  scale: RatingScale;
  /** Users by id. With `addUnknownUsers` new ids become new rows; otherwise an unknown id is an error. */
  users: IdIndex;
  addUnknownUsers: boolean;
  movies: IdIndex;
  /** Bytes per line of a typical file, to pre-size the columns. */
  typicalLineBytes: number;
  /** What to do with bad rows (default: fail at the first). */
  bad?: BadRows;
}

/** The latest timestamp a Date can hold (seconds): later ones are not times. */
const MAX_TIMESTAMP = 8.64e12;

const RATING_FIELDS = ['userId', 'movieId', 'rating', 'timestamp'] as const;

/** Why `rating` is invalid on `scale`, or null. */
export function ratingProblem(rating: number, scale: RatingScale): string | null {
  if (!Number.isFinite(rating)) return `rating ${rating} is not a number`;
  if (scale === 'whole') return Number.isInteger(rating) && rating >= 1 && rating <= 5 ? null : `rating ${rating} is not a whole star from 1 to 5`;
  return Number.isInteger(rating * 2) && rating >= 0.5 && rating <= 5 ? null : `rating ${rating} is not a half star from 0.5 to 5`;
}

/** Streams `path` into Ratings columns. */
export async function readRatingsFile(path: string, spec: RatingsFileSpec, progress?: ProgressTracker): Promise<Ratings> {
  const builder = new RatingsBuilder(RatingsBuilder.capacityForFileSize(regularFileSize(path), spec.typicalLineBytes));
  const bad = spec.bad ?? new BadRows();
  // Line of rating i is firstLine + i while no line was skipped (always so under the 'fail' policy).
  let firstLine = 0;
  let linesContiguous = true;
  const { users, movies, scale } = spec;
  const stepsPerStar = scale === 'whole' ? 1 : 2;
  const [minSteps, maxSteps] = scale === 'whole' ? [1, 5] : [1, 10];
  await scanNumericFile(
    path,
    { separator: spec.separator, fields: RATING_FIELDS, header: spec.header, decimal: ['rating'] },
    (v, line) => {
      const userId = v[0];
      const movieId = v[1];
      const rating = v[2];
      const timestamp = v[3];
      // Fast checks first (this runs 25M times for ML-25M); the helpers below build the messages.
      if ((userId | 0) !== userId || userId <= 0) throw new DataError(path, line, `userId ${userId} is not a positive integer`);
      if ((movieId | 0) !== movieId || movieId <= 0) throw new DataError(path, line, `movieId ${movieId} is not a positive integer`);
      let u = users.row(userId);
      if (u < 0) {
        if (!spec.addUnknownUsers) throw new DataError(path, line, `unknown userId ${userId} (not in the users file)`);
        u = users.add(userId);
      }
      const m = movies.row(movieId);
      if (m < 0) throw new DataError(path, line, `unknown movieId ${movieId} (not in the movies file)`);
      const steps = rating * stepsPerStar;
      if (!(steps >= minSteps && steps <= maxSteps && steps === Math.floor(steps))) throw new DataError(path, line, ratingProblem(rating, scale)!);
      if (!(timestamp >= 0 && timestamp === Math.floor(timestamp))) throw new DataError(path, line, `timestamp ${timestamp} is not a non-negative integer`);
      if (timestamp > MAX_TIMESTAMP) throw new DataError(path, line, `timestamp ${timestamp} is beyond any date (seconds since 1970 expected)`);
      if (builder.length === 0) firstLine = line;
      else if (line !== firstLine + builder.length) linesContiguous = false;
      builder.push(u, m, rating, timestamp);
    },
    progress,
    bad,
  );
  if (builder.length === 0) throw new DataError(path, 0, 'has no ratings');
  const ratings = builder.finish();
  const duplicates = findDuplicatePairs(ratings.user, ratings.movie, users.size, movies.size);
  if (duplicates.later.length === 0) return ratings;
  const lineOf = (i: number): number => (linesContiguous ? firstLine + i : 0);
  for (let d = 0; d < duplicates.later.length; d++) {
    const i = duplicates.later[d];
    const first = duplicates.first[d];
    const where = linesContiguous ? ` (first rated on line ${lineOf(first)})` : '';
    bad.reject(new DataError(path, lineOf(i), `duplicate rating: userId ${users.ids[ratings.user[i]]} already rated movieId ${movies.ids[ratings.movie[i]]}${where}`));
  }
  return withoutRows(ratings, duplicates.later);
}

/** How a release with a users file (ML-100K, ML-1M) is read: its movies and users readers and its whole-star ratings file. */
export interface UsersFileRelease {
  readMovies(dir: string, progress: ProgressTracker | undefined, bad: BadRows): Promise<Movies>;
  readUsers(dir: string, progress: ProgressTracker | undefined, bad: BadRows): Promise<Users>;
  ratingsFile: string;
  separator: string;
  typicalLineBytes: number;
}

/** Reads movies, users, then ratings (whose ids must be in the other two) of such a release. */
export async function readUsersFileRelease(release: UsersFileRelease, dir: string, name: string, progress: ProgressTracker | undefined, bad: BadRows): Promise<MovieLensDataset> {
  const movies = await release.readMovies(dir, progress, bad);
  const users = await release.readUsers(dir, progress, bad);
  const ratings = await readRatingsFile(
    join(dir, release.ratingsFile),
    { separator: release.separator, scale: 'whole', users: IdIndex.of(users.id), addUnknownUsers: false, movies: IdIndex.of(movies.id), typicalLineBytes: release.typicalLineBytes, bad },
    progress,
  );
  return { name, ratings, users, movies };
}

/** Ratings whose (user, movie) pair occurred before: `later[d]` repeats the pair first seen at `first[d]`. */
export interface DuplicatePairs {
  later: number[];
  first: number[];
}

/**
 * The repeated (user row, movie row) pairs, in file order of the repeats. O(n): one pass when each
 * user's ratings are contiguous (ML-1M, 20M, 25M), else a stable counting sort by user (ML-100K).
 */
export function findDuplicatePairs(user: Int32Array, movie: Int32Array, users: number, movies: number): DuplicatePairs {
  const n = user.length;
  const marker = new Int32Array(movies).fill(-1);
  const firstAt = new Int32Array(movies);
  const out: DuplicatePairs = { later: [], first: [] };
  const visit = (i: number): void => {
    const u = user[i];
    const m = movie[i];
    if (marker[m] === u) {
      out.later.push(i);
      out.first.push(firstAt[m]);
    } else {
      marker[m] = u;
      firstAt[m] = i;
    }
  };
  const seenUser = new Uint8Array(users);
  let contiguous = true;
  for (let i = 0; i < n && contiguous; i++) {
    if (i > 0 && user[i] === user[i - 1]) continue;
    if (seenUser[user[i]]) contiguous = false;
    seenUser[user[i]] = 1;
  }
  if (contiguous) {
    for (let i = 0; i < n; i++) visit(i);
    return out;
  }
  const { order } = groupByKey(n, users, (i) => user[i]);
  for (let k = 0; k < n; k++) visit(order[k]);
  const sorted = out.later.map((later, d) => [later, out.first[d]]).sort((a, b) => a[0] - b[0]);
  return { later: sorted.map((p) => p[0]), first: sorted.map((p) => p[1]) };
}

/** `ratings` without the rows in `drop` (ascending). */
function withoutRows(ratings: Ratings, drop: number[]): Ratings {
  const keep = new Uint8Array(ratings.length).fill(1);
  for (const i of drop) keep[i] = 0;
  const builder = new RatingsBuilder(ratings.length - drop.length);
  for (let i = 0; i < ratings.length; i++) if (keep[i]) builder.push(ratings.user[i], ratings.movie[i], ratings.rating[i], ratings.timestamp[i]);
  return builder.finish();
}
