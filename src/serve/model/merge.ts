/**
 * A dataset extended by the ratings given in the app, for retraining: app ratings replace the
 * dataset's rating of the same (user, movie), app users are appended after the dataset's users (so
 * dataset user rows keep their numbers). Users' demographic columns are dropped, as app users have
 * none; the app's models only use ids.
 */
import type { MovieLensDataset } from '../../data/schema.ts';
import type { StoredRating } from '../store/types.ts';

/** `ds` plus `stored` (see the file comment); movies the dataset lacks are skipped. */
export function withAppRatings(ds: MovieLensDataset, stored: StoredRating[]): MovieLensDataset {
  const movieRow = new Map(Array.from(ds.movies.id, (id, row) => [id, row]));
  const userRow = new Map(Array.from(ds.users.id, (id, row) => [id, row]));
  const userIds = Array.from(ds.users.id);
  const existing = new Map<string, number>();
  for (let i = 0; i < ds.ratings.length; i++) existing.set(`${ds.ratings.user[i]}:${ds.ratings.movie[i]}`, i);
  const rating = ds.ratings.rating.slice();
  const added: { user: number; movie: number; rating: number; timestamp: number }[] = [];
  for (const r of stored) {
    const m = movieRow.get(r.movieId);
    if (m === undefined) continue;
    let u = userRow.get(r.userId);
    if (u === undefined) {
      u = userIds.push(r.userId) - 1;
      userRow.set(r.userId, u);
    }
    const at = existing.get(`${u}:${m}`);
    if (at !== undefined) rating[at] = r.rating;
    else added.push({ user: u, movie: m, rating: r.rating, timestamp: Date.parse(r.ratedAt) / 1000 });
  }
  const concat = <T extends Int32Array | Float32Array | Float64Array>(base: T, extra: number[]): T => {
    const out = new (base.constructor as new (n: number) => T)(base.length + extra.length);
    out.set(base);
    out.set(extra, base.length);
    return out;
  };
  return {
    ...ds,
    users: { length: userIds.length, id: Int32Array.from(userIds) },
    ratings: {
      length: ds.ratings.length + added.length,
      user: concat(ds.ratings.user, added.map((a) => a.user)),
      movie: concat(ds.ratings.movie, added.map((a) => a.movie)),
      rating: concat(rating, added.map((a) => a.rating)),
      timestamp: concat(ds.ratings.timestamp, added.map((a) => a.timestamp)),
    },
  };
}
