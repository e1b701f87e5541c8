/**
 * Builds the `UserItems` interaction matrix (src/models/top-k.ts) that top-K models fit on, from
 * a dataset's rating rows, and reads one user's history back out of it.
 */
import type { MovieLensDataset } from '../data/schema.ts';
import type { ItemHistory, TopKRecommender, UserItems } from './top-k.ts';
import { gathered, groupByKey } from '../util/group.ts';

/**
 * The interactions of rating rows `rows` (all ratings when omitted) of `ds`, one CSR row per dataset
 * user (users without ratings in `rows` get an empty row). A (user, movie) pair rated twice keeps the
 * later rating.
 */
export function userItemsFromRatings(ds: MovieLensDataset, rows?: ArrayLike<number>): UserItems {
  const { ratings } = ds;
  const numUsers = ds.users.length;
  const numMovies = ds.movies.length;
  const n = rows ? rows.length : ratings.length;
  const rowAt = rows ? (i: number) => rows[i] : (i: number) => i;
  // Bucket the rows by user, then sort each user's rows by movie (later rating first on a tie).
  const { offsets: counts, order } = groupByKey(n, numUsers, (i) => ratings.user[rowAt(i)]);
  const byUser = rows ? gathered(rows instanceof Int32Array ? rows : Int32Array.from(rows), order) : order;
  const offsets = new Int32Array(numUsers + 1);
  const movies = new Int32Array(n);
  const values = new Float32Array(n);
  const timestamps = new Float64Array(n);
  let out = 0;
  for (let u = 0; u < numUsers; u++) {
    const userRows = Array.from(byUser.subarray(counts[u], counts[u + 1]))
      .sort((a, b) => ratings.movie[a] - ratings.movie[b] || ratings.timestamp[b] - ratings.timestamp[a] || b - a);
    let last = -1;
    for (const r of userRows) {
      const m = ratings.movie[r];
      if (m === last) continue;
      last = m;
      movies[out] = m;
      values[out] = ratings.rating[r];
      timestamps[out] = ratings.timestamp[r];
      out++;
    }
    offsets[u + 1] = out;
  }
  return { numUsers, numMovies, offsets, movies: movies.slice(0, out), ratings: values.slice(0, out), timestamps: timestamps.slice(0, out) };
}

/** User `u`'s row of `ui` as a history (views into `ui`, not copies). */
export function historyOf(ui: UserItems, u: number): ItemHistory & { ratings: Float32Array; timestamps: Float64Array } {
  const start = ui.offsets[u];
  const end = ui.offsets[u + 1];
  return { movies: ui.movies.subarray(start, end), ratings: ui.ratings.subarray(start, end), timestamps: ui.timestamps.subarray(start, end) };
}

/** How many users interacted with each movie. */
export function movieCounts(ui: UserItems): Int32Array {
  const counts = new Int32Array(ui.numMovies);
  for (const m of ui.movies) counts[m]++;
  return counts;
}

/** The users with at least one interaction, ascending. */
export function activeUsers(ui: UserItems): Int32Array {
  const out: number[] = [];
  for (let u = 0; u < ui.numUsers; u++) if (ui.offsets[u + 1] > ui.offsets[u]) out.push(u);
  return Int32Array.from(out);
}

/**
 * `scoreUsers` of a model that scores from history alone: each training user's history in `items`
 * through `scoreHistory` (a loaded model has no `items`: it scores by history only).
 */
export function scoreTrainingUsers(model: TopKRecommender, items: UserItems | undefined, userRows: Int32Array): Float32Array {
  if (!items) throw new Error(`${model.className}.scoreUsers: this model was loaded without its training interactions; score users by their history (scoreHistory)`);
  const out = new Float32Array(userRows.length * model.numMovies);
  userRows.forEach((u, i) => out.set(model.scoreHistory(historyOf(items, u)), i * model.numMovies));
  return out;
}
