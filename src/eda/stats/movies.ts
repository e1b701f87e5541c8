/**
 * Which movies: most rated and most loved (per user group), worst rated, and the rating minimum
 * that keeps a mean rating meaningful.
 */
import type { MovieLensDataset } from '../../data/schema.ts';
import { keyByUser, meanOf, ratingsPerMovie, roundTo, topKeys, totalsBy, type Totals } from './aggregate.ts';
import { allUsers, type UserGrouping } from './groupings.ts';

/** One ranked movie within a user group. */
export interface RankedMovie {
  group: string;
  rank: number;
  title: string;
  ratings: number;
  meanRating: number;
}

/** Minimum ratings for a movie's mean rating to count: 100 for ML-1M-sized data, else 50. */
export function defaultMinRatings(ds: MovieLensDataset): number {
  return ds.ratings.length >= 500_000 ? 100 : 50;
}

/** Totals per (group, movie), key = group * movies + movie. */
export function movieTotalsByGroup(ds: MovieLensDataset, grouping: UserGrouping): Totals {
  const nMovies = ds.movies.length;
  const { userKey } = grouping;
  const { movie } = ds.ratings;
  const user = keyByUser(ds, userKey);
  return totalsBy(ds.ratings, grouping.labels.length * nMovies, (i) => {
    const g = user(i);
    return g < 0 ? -1 : g * nMovies + movie[i];
  });
}

interface RankOptions {
  top: number;
  score: (totals: Totals, key: number) => number;
  keep?: (totals: Totals, key: number, movie: number) => boolean;
  ascending?: boolean;
}

/** The top movies of every group by `score`. */
function rankPerGroup(ds: MovieLensDataset, grouping: UserGrouping, options: RankOptions): RankedMovie[] {
  const totals = movieTotalsByGroup(ds, grouping);
  const nMovies = ds.movies.length;
  return grouping.labels.flatMap((group, g) => {
    const base = g * nMovies;
    const keys = topKeys(base, base + nMovies, options.top, (k) => options.score(totals, k), {
      keep: (k) => totals.count[k] > 0 && (!options.keep || options.keep(totals, k, k - base)),
      ascending: options.ascending,
    });
    return keys.map((k, rank) => ({
      group,
      rank: rank + 1,
      title: ds.movies.title[k - base],
      ratings: totals.count[k],
      meanRating: roundTo(meanOf(totals, k)),
    }));
  });
}

/** Most-rated movies of each group (seed Figures 9-11). */
export function mostRatedMovies(ds: MovieLensDataset, grouping: UserGrouping, top = 10): RankedMovie[] {
  return rankPerGroup(ds, grouping, { top, score: (t, k) => t.count[k] });
}

/** Rating minimums for mean-rating rankings. */
export interface MinRatings {
  /** Ratings a movie needs from all users. */
  overall: number;
  /** Ratings it needs from the group itself (groups can be small). */
  inGroup: number;
}

/** The default minimums: `defaultMinRatings` overall and a fifth of it within a group. */
export function defaultMinimums(ds: MovieLensDataset): MinRatings {
  const overall = defaultMinRatings(ds);
  return { overall, inGroup: Math.ceil(overall / 5) };
}

/** Highest mean rating per group among movies with enough ratings (seed Figures 12-14). */
export function mostLovedMovies(ds: MovieLensDataset, grouping: UserGrouping, top = 10, min = defaultMinimums(ds)): RankedMovie[] {
  const overall = ratingsPerMovie(ds);
  return rankPerGroup(ds, grouping, {
    top,
    score: meanOf,
    keep: (t, k, m) => overall[m] >= min.overall && t.count[k] >= min.inGroup,
  });
}

/** Lowest mean rating over all users among movies with at least `minRatings` ratings (seed Figure 16). */
export function worstRatedMovies(ds: MovieLensDataset, top = 50, minRatings = Math.ceil(defaultMinRatings(ds) / 2)): RankedMovie[] {
  return rankPerGroup(ds, allUsers(ds.users), { top, score: meanOf, ascending: true, keep: (t, k) => t.count[k] >= minRatings });
}
