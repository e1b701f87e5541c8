/**
 * Why a movie is recommended: the highly rated movie that adds most to its score in the top-K model
 * (EASE^R: the item–item weight; for models without such a sum, the closest one in embedding space), a
 * shared director, shared favourite genres, and how many of the user's nearest neighbours liked it.
 */
import { TFDS_GENRES, genreList } from '../../data/schema.ts';
import type { Catalog } from './catalog.ts';
import { dotRows } from './fold-in.ts';
import type { UserProfile } from './profile.ts';

/** One reason, ready for display. */
export type Reason =
  | { kind: 'because-you-rated'; movieId: number; title: string; rating: number; similarity: number }
  | { kind: 'same-director'; director: string; movieId: number; title: string }
  | { kind: 'genres'; genres: string[] }
  | { kind: 'similar-users'; liked: number; of: number };

/** A rating at or above this counts as "rated highly". */
export const HIGH_RATING = 4;

/** What explanations need about one user, computed once per request. */
export interface ExplainContext {
  catalog: Catalog;
  /** Unit-length candidate embeddings, row-aligned with the catalogue. */
  unitMovies: Float32Array;
  dim: number;
  profile: UserProfile;
  /** The user's rating of each movie row they rated. */
  ratingOf: Map<number, number>;
  /** Movie rows liked by the user's neighbours → how many of them liked it. */
  neighbourLikes: Map<number, number>;
  neighbourCount: number;
  /** Each rated movie's contribution to `row`'s top-K score, when the model is such a sum. */
  contributions?: (row: number) => Map<number, number>;
}

/** The movie rows the user rated highly (the best-rated ones when none reach HIGH_RATING). */
export function likedRows(profile: UserProfile): number[] {
  const { movieRows, ratings } = profile.rated;
  let threshold = HIGH_RATING;
  if (!ratings.some((r) => r >= HIGH_RATING)) threshold = ratings.reduce((m, r) => Math.max(m, r), -Infinity);
  return Array.from(movieRows).filter((_, i) => ratings[i] >= threshold);
}

/** The user's favourite genres: onboarding choices, then the most frequent among liked movies. */
export function favouriteGenres(catalog: Catalog, profile: UserProfile, liked: number[], top = 3): Set<number> {
  const counts = new Map<number, number>();
  for (const row of liked) for (const g of genreList(catalog.genreMask(row))) counts.set(g, (counts.get(g) ?? 0) + 1);
  const frequent = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([g]) => g);
  return new Set([...profile.genres, ...frequent]);
}

/** The reasons for recommending movie `row`. */
export function explain(ctx: ExplainContext, liked: number[], favourites: Set<number>, row: number): Reason[] {
  const { catalog, unitMovies, dim } = ctx;
  const reasons: Reason[] = [];
  let best = -1;
  let bestSimilarity = 0;
  const contribution = ctx.contributions?.(row);
  for (const m of liked) {
    const s = contribution ? contribution.get(m) ?? 0 : dotRows(unitMovies, row, unitMovies, m, dim);
    if (s > bestSimilarity) [best, bestSimilarity] = [m, s];
  }
  if (best >= 0) {
    reasons.push({ kind: 'because-you-rated', movieId: catalog.movieId(best), title: catalog.titles[best], rating: ctx.ratingOf.get(best)!, similarity: round(bestSimilarity) });
  }
  const director = catalog.director(row);
  const sameDirector = director ? liked.find((m) => catalog.director(m) === director) : undefined;
  if (director && sameDirector !== undefined) {
    reasons.push({ kind: 'same-director', director, movieId: catalog.movieId(sameDirector), title: catalog.titles[sameDirector] });
  }
  const shared = genreList(catalog.genreMask(row)).filter((g) => favourites.has(g));
  if (shared.length) reasons.push({ kind: 'genres', genres: shared.map((g) => TFDS_GENRES[g]) });
  const liking = ctx.neighbourLikes.get(row) ?? 0;
  if (liking > 0) reasons.push({ kind: 'similar-users', liked: liking, of: ctx.neighbourCount });
  return reasons;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
