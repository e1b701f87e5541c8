/**
 * A small in-memory `MovieLensDataset` for unit tests of models: users with clustered tastes (each
 * user mostly rates movies of one of a few groups, popular ones more often), so a top-K model has
 * structure to find and beats most-popular. No files are written.
 */
import type { MovieLensDataset } from '../data/schema.ts';
import { Rng } from '../util/random.ts';

/** Sizes and seed of `randomDataset`. */
export interface RandomDatasetOptions {
  users: number;
  movies: number;
  /** Ratings per user (distinct movies). */
  perUser: number;
  /** Taste groups (default 4). */
  groups?: number;
  seed?: number;
}

/** A dataset whose user u prefers movies m with m % groups === u % groups (80 % of their ratings). */
export function randomDataset(options: RandomDatasetOptions): MovieLensDataset {
  const { users, movies, perUser } = options;
  const groups = options.groups ?? 4;
  const rng = new Rng(options.seed ?? 1);
  if (perUser > movies / 2) throw new RangeError('randomDataset: perUser must be at most half the movies');
  const user: number[] = [];
  const movie: number[] = [];
  for (let u = 0; u < users; u++) {
    const seen = new Set<number>();
    while (seen.size < perUser) {
      // Popularity skew: squaring a uniform favours low movie rows.
      let m = Math.floor(rng.next() ** 2 * movies);
      if (rng.next() < 0.8) m = m - (m % groups) + (u % groups);
      if (m < movies && !seen.has(m)) seen.add(m);
    }
    for (const m of seen) {
      user.push(u);
      movie.push(m);
    }
  }
  const n = user.length;
  return {
    name: 'random',
    users: { length: users, id: Int32Array.from({ length: users }, (_, i) => i + 1) },
    movies: { length: movies, id: Int32Array.from({ length: movies }, (_, i) => i + 1), title: Array.from({ length: movies }, (_, i) => `Movie ${i + 1}`), genres: new Uint32Array(movies) },
    ratings: {
      length: n, user: Int32Array.from(user), movie: Int32Array.from(movie),
      rating: Float32Array.from({ length: n }, () => 1 + rng.int(5)),
      timestamp: Float64Array.from({ length: n }, (_, i) => 880_000_000 + i * 60),
    },
  };
}
