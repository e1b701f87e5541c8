/**
 * Per-user lists of rated movies for listwise ranking, as TFRS's `tfrs.examples.movielens.sample_listwise`:
 * for each user with at least `listSize` ratings, `listsPerUser` lists of `listSize` distinct movies
 * drawn at random from that user's ratings, with their ratings as graded relevance labels.
 */
import type { MovieLensDataset } from '../data/schema.ts';
import { isRagged, type Column, type Columns } from '../features/columns.ts';
import { Rng } from '../util/random.ts';
import { listLabelColumn } from './listwise.ts';

/** Lists as flat row-major arrays: list l holds `movies[l*listSize … (l+1)*listSize)`. */
export interface RatingLists {
  listSize: number;
  /** The user row of each list. */
  users: Int32Array;
  /** Movie rows, `count × listSize`. */
  movies: Int32Array;
  /** Ratings, `count × listSize`. */
  ratings: Float32Array;
}

/** Options of `sampleListwise`. */
export interface SampleListwiseOptions {
  listsPerUser: number;
  listSize: number;
  seed: number;
}

/** Samples per-user lists from the rating `rows` of `ds` (see the module comment). */
export function sampleListwise(ds: MovieLensDataset, rows: Int32Array, opts: SampleListwiseOptions): RatingLists {
  const { listsPerUser, listSize, seed } = opts;
  if (!(listSize >= 2) || !(listsPerUser >= 1)) throw new Error(`sampleListwise: listSize must be ≥ 2 and listsPerUser ≥ 1, got ${listSize}, ${listsPerUser}`);
  const byUser = new Map<number, number[]>();
  for (const r of rows) {
    const u = ds.ratings.user[r];
    let list = byUser.get(u);
    if (!list) byUser.set(u, (list = []));
    list.push(r);
  }
  const rng = new Rng(seed);
  const users: number[] = [];
  const movies: number[] = [];
  const ratings: number[] = [];
  for (const u of [...byUser.keys()].sort((a, b) => a - b)) {
    const userRows = byUser.get(u)!;
    if (userRows.length < listSize) continue;
    for (let l = 0; l < listsPerUser; l++) {
      // A partial Fisher-Yates shuffle picks listSize distinct ratings.
      for (let i = 0; i < listSize; i++) {
        const j = i + rng.int(userRows.length - i);
        [userRows[i], userRows[j]] = [userRows[j], userRows[i]];
        movies.push(ds.ratings.movie[userRows[i]]);
        ratings.push(ds.ratings.rating[userRows[i]]);
      }
      users.push(u);
    }
  }
  return { listSize, users: Int32Array.from(users), movies: Int32Array.from(movies), ratings: Float32Array.from(ratings) };
}

/**
 * The list batch columns of `lists` (see `ListwiseModel`): each user feature of `users` (one row per
 * users-table row) taken at the list's user, each movie feature of `movies` (one row per movies-table
 * row) as a Ragged column of the list's movies, and the ratings as `list_rating_<i>` columns.
 */
export function encodeLists(lists: RatingLists, users: Columns, movies: Columns): Columns {
  const n = lists.listSize;
  const count = lists.users.length;
  const features: Record<string, Column> = {};
  for (const [name, column] of Object.entries(users.features)) {
    if (isRagged(column)) throw new Error(`encodeLists: user feature "${name}" is ragged; lists take one value per user`);
    features[name] = column instanceof Int32Array ? Int32Array.from(lists.users, (u) => column[u]) : Float32Array.from(lists.users, (u) => column[u]);
  }
  for (const [name, column] of Object.entries(movies.features)) {
    if (!(column instanceof Int32Array)) throw new Error(`encodeLists: movie feature "${name}" must be Int32 ids`);
    features[name] = { width: n, values: Int32Array.from(lists.movies, (m) => column[m]) };
  }
  for (let i = 0; i < n; i++) features[listLabelColumn(i)] = Float32Array.from({ length: count }, (_, l) => lists.ratings[l * n + i]);
  return { length: count, features };
}
