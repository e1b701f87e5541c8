/** A user's ratings as the recommender sees them: dataset ratings merged with the app's own. */
import type { StoredRating } from '../store/types.ts';
import type { Catalog, RatedMovies } from './catalog.ts';

/** One user, in catalogue rows. */
export interface UserProfile {
  userId: number;
  /** Dataset user row, or -1 for a user created in the app. */
  userRow: number;
  /** Every rating: the dataset's, overridden and extended by the store's. */
  rated: RatedMovies;
  /** True when the store added ratings: the trained user vectors are out of date, so fold in. */
  changed: boolean;
  /** Genres chosen at onboarding (TFDS genre indices). */
  genres: number[];
}

/** Merges `stored` (the app's ratings of this user) over the dataset user's ratings. */
export function buildProfile(catalog: Catalog, userId: number, stored: StoredRating[], genres: number[] = []): UserProfile {
  const userRow = catalog.userRow(userId) ?? -1;
  const byMovie = new Map<number, number>();
  if (userRow >= 0) {
    const base = catalog.ratingsOfUserRow(userRow);
    base.movieRows.forEach((m, i) => byMovie.set(m, base.ratings[i]));
  }
  let changed = false;
  for (const r of stored) {
    const row = catalog.movieRow(r.movieId);
    if (row === undefined) continue;
    byMovie.set(row, r.rating);
    changed = true;
  }
  const rated: RatedMovies = { movieRows: Int32Array.from(byMovie.keys()), ratings: Float32Array.from(byMovie.values()) };
  return { userId, userRow, rated, changed, genres };
}
