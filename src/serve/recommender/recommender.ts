/**
 * Recommendations over one model version. "Recommended for you" is the top-K model's list (chosen on
 * validation nDCG@10 when the version was trained: EASE^R, ...), movies the user already rated
 * excluded; the predicted stars shown beside it come from the rating model, and do not reorder it
 * (ordering by predicted rating scored below most-popular: it favours well-rated niche films).
 * Users whose ratings changed since training (and new users) are scored from their ratings (fold-in;
 * a blend's user-id part keeps a trained user's trained row), so every rating counts on the next
 * request. Similar movies and "similar users liked it" come from the two-tower embeddings.
 */
import { TFDS_GENRES, genreList } from '../../data/schema.ts';
import type { Catalog, MovieSummary } from './catalog.ts';
import { explain, favouriteGenres, HIGH_RATING, likedRows, type Reason } from './explain.ts';
import { topKRows } from '../../models/top-k.ts';
import { QueryFoldIn } from './fold-in.ts';
import type { RankingUser, ServingModels } from './models.ts';
import { buildNearestSearch, normalizeRows, type NearestSearch } from './neighbours.ts';
import type { UserProfile } from './profile.ts';

/** One recommended movie. */
export interface Recommendation {
  movie: MovieSummary;
  /** The rating model's predicted stars. */
  predictedRating: number;
  /** The top-K model's score (what the list is ordered by). */
  score: number;
  reasons: Reason[];
}

/** How recommendations were made, for the API and the admin page. */
export interface RecommendationList {
  items: Recommendation[];
  /** 'trained' (the model's own user vector), 'fold-in' (from ratings), or 'popular' (no ratings yet). */
  strategy: 'trained' | 'fold-in' | 'popular';
  /** Movies scored. */
  candidates: number;
  /** The top-K model's class (e.g. 'EaseModel'). */
  recommender: string;
  modelVersion: string;
}

/** Neighbour users consulted for "users similar to you liked". */
const NEIGHBOURS = 20;

/** Serves one `ServingModels` version over one catalogue; immutable, so it can be swapped atomically. */
export class Recommender {
  readonly candidateIndex: NearestSearch;
  private readonly unitMovies: Float32Array;
  private readonly similarMovies: NearestSearch;
  private readonly similarUsers: NearestSearch;
  private readonly queryFoldIn: QueryFoldIn;

  constructor(readonly catalog: Catalog, readonly models: ServingModels) {
    const { dim, movieEmbeddings, userEmbeddings, candidateIndex } = models.retrieval;
    if (movieEmbeddings.length !== catalog.movieCount * dim) {
      throw new Error(`model ${models.version} has ${movieEmbeddings.length / dim} movie embeddings, the catalogue ${catalog.movieCount} movies`);
    }
    if (candidateIndex && candidateIndex.size !== catalog.movieCount) {
      throw new Error(`model ${models.version}'s candidate index holds ${candidateIndex.size} movies, the catalogue ${catalog.movieCount}`);
    }
    this.candidateIndex = candidateIndex ?? buildNearestSearch(movieEmbeddings, dim);
    this.unitMovies = normalizeRows(movieEmbeddings, dim);
    this.similarMovies = buildNearestSearch(this.unitMovies, dim);
    this.similarUsers = buildNearestSearch(userEmbeddings, dim, { normalize: true });
    this.queryFoldIn = new QueryFoldIn(models.retrieval, catalog);
  }

  /** The retrieval query vector of `profile` and how it was obtained. */
  queryVector(profile: UserProfile): { vector: Float32Array; strategy: 'trained' | 'fold-in' } {
    const { dim, userEmbeddings } = this.models.retrieval;
    if (profile.userRow >= 0 && !profile.changed) {
      return { vector: userEmbeddings.slice(profile.userRow * dim, (profile.userRow + 1) * dim), strategy: 'trained' };
    }
    return { vector: this.queryFoldIn.foldIn(profile.rated), strategy: 'fold-in' };
  }

  /** The ranking stage's user. */
  rankingUser(profile: UserProfile): RankingUser {
    const { ranking } = this.models;
    return profile.userRow >= 0 && !profile.changed ? ranking.trainedUser(profile.userRow) : ranking.foldIn(profile.rated);
  }

  /**
   * The top-K model's scores of every movie for `profile`. A training user who has rated more since
   * (`changed`) is still scored as that user where the model can take the new history beside the
   * trained row (`scoreTrainedUser`: a blend's EASE^R part reads the history, its two-tower part the
   * user's trained vector), so their list keeps the blend's quality instead of falling back to the
   * parts that fold in.
   */
  topKScores(profile: UserProfile): { scores: Float32Array; strategy: 'trained' | 'fold-in' } {
    const { topK } = this.models;
    const known = profile.userRow >= 0 && profile.userRow < topK.numUsers && !topK.scoresFromHistory;
    const strategy = profile.userRow >= 0 && !profile.changed ? 'trained' : 'fold-in';
    const history = { movies: profile.rated.movieRows, ratings: profile.rated.ratings };
    if (known && topK.scoreTrainedUser) return { scores: topK.scoreTrainedUser(profile.userRow, history), strategy };
    if (known && !profile.changed) return { scores: topK.scoreUsers(Int32Array.of(profile.userRow)), strategy };
    return { scores: topK.scoreHistory(history), strategy };
  }

  /** The top `k` movies for `profile`, with reasons. */
  recommend(profile: UserProfile, k: number): RecommendationList {
    const rated = new Set(profile.rated.movieRows);
    if (rated.size === 0) return this.popularFor(profile, k, rated);
    const { scores, strategy } = this.topKScores(profile);
    const rows = topKRows(scores, k, rated);
    const predicted = this.models.ranking.predict(this.rankingUser(profile), rows);
    const { vector } = this.queryVector(profile);
    const liked = likedRows(profile);
    const favourites = favouriteGenres(this.catalog, profile, liked);
    const ratingOf = new Map(Array.from(profile.rated.movieRows, (m, i) => [m, profile.rated.ratings[i]]));
    const { topK } = this.models;
    const history = { movies: profile.rated.movieRows, ratings: profile.rated.ratings };
    const contributions = topK.contributions
      ? (row: number) => new Map(Array.from(topK.contributions!(history, row), (c, i) => [history.movies[i], c]))
      : undefined;
    const context = { catalog: this.catalog, unitMovies: this.unitMovies, dim: this.models.retrieval.dim, profile, ratingOf, contributions, ...this.neighbourLikes(vector, profile.userRow) };
    const items = Array.from(rows, (row, i) => ({
      movie: this.catalog.summary(row),
      predictedRating: round(predicted[i]),
      score: round(scores[row]),
      reasons: explain(context, liked, favourites, row),
    }));
    return { items, strategy, candidates: this.catalog.movieCount - rated.size, recommender: this.models.topK.className, modelVersion: this.models.version };
  }

  /** Movies nearest to movie `row` by cosine of candidate embeddings. */
  similar(row: number, k: number): { movie: MovieSummary; similarity: number }[] {
    const dim = this.models.retrieval.dim;
    const found = this.similarMovies.search(this.unitMovies.subarray(row * dim, (row + 1) * dim), k, new Set([row]));
    return Array.from(found.rows, (r, i) => ({ movie: this.catalog.summary(r), similarity: round(found.scores[i]) }));
  }

  /** A user with no ratings yet: the most popular movies in their chosen genres. */
  private popularFor(profile: UserProfile, k: number, rated: Set<number>): RecommendationList {
    const mask = profile.genres.reduce((m, g) => m | (1 << g), 0);
    const rows = Array.from(this.catalog.popularRows).filter((r) => !rated.has(r) && (!mask || this.catalog.genreMask(r) & mask)).slice(0, k);
    const ranking = this.models.ranking.foldIn(profile.rated);
    const predicted = this.models.ranking.predict(ranking, Int32Array.from(rows));
    const favourites = new Set(profile.genres);
    const items = rows.map((row, i) => {
      const genres = genreList(this.catalog.genreMask(row)).filter((g) => favourites.has(g)).map((g) => TFDS_GENRES[g]);
      const reasons: Reason[] = genres.length ? [{ kind: 'genres', genres }] : [];
      return { movie: this.catalog.summary(row), predictedRating: round(predicted[i]), score: this.catalog.ratingCount[row], reasons };
    });
    return { items, strategy: 'popular', candidates: rows.length, recommender: 'PopularityModel', modelVersion: this.models.version };
  }

  /** How many of the user's nearest neighbour users rated each movie highly. */
  private neighbourLikes(query: Float32Array, selfRow: number): { neighbourLikes: Map<number, number>; neighbourCount: number } {
    const unit = normalizeRows(query, query.length);
    const found = this.similarUsers.search(unit, NEIGHBOURS, selfRow >= 0 ? new Set([selfRow]) : undefined);
    const likes = new Map<number, number>();
    for (const u of found.rows) {
      const { movieRows, ratings } = this.catalog.ratingsOfUserRow(u);
      movieRows.forEach((m, i) => {
        if (ratings[i] >= HIGH_RATING) likes.set(m, (likes.get(m) ?? 0) + 1);
      });
    }
    return { neighbourLikes: likes, neighbourCount: found.rows.length };
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
