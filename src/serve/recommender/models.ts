/**
 * What the recommender serves: one trained artifact, seen in catalogue row order. Loading code
 * (../model/) maps the models' own vocabularies to catalogue rows once, so serving never looks up ids.
 */
import type { TopKRecommender } from '../../models/top-k.ts';
import type { RatedMovies } from './catalog.ts';
import type { NearestSearch } from './neighbours.ts';

/** The retrieval stage: a two-tower model's embeddings, row-aligned with the catalogue. */
export interface RetrievalEmbeddings {
  dim: number;
  /** Candidate-tower output for every catalogue movie row (`movies.length × dim`). */
  movieEmbeddings: Float32Array;
  /** Query-tower output for every dataset user row (`users.length × dim`). */
  userEmbeddings: Float32Array;
  /** The candidate index over `movieEmbeddings` stored with the model (built from them when absent). */
  candidateIndex?: NearestSearch;
}

/** A user as the ranking stage sees them: trained factors, or factors folded in from ratings. */
export type RankingUser = { vector: Float32Array; bias: number };

/** The ranking stage: predicted ratings, with fold-in for users the model has not seen. */
export interface RatingPredictor {
  /** The trained user of dataset row `userRow`. */
  trainedUser(userRow: number): RankingUser;
  /** A user folded in from their ratings (no retraining). */
  foldIn(rated: RatedMovies): RankingUser;
  /** Predicted ratings of `user` for `movieRows`. */
  predict(user: RankingUser, movieRows: Int32Array): Float32Array;
}

/** Everything one model version serves. */
export interface ServingModels {
  version: string;
  trainedAt: string;
  dataset: string;
  /** Validation metrics recorded at training time (the served list's, next to most-popular's). */
  metrics: Record<string, number>;
  /** One line on what the models are, for the admin page. */
  description: string;
  /** Makes "Recommended for you": the top-K model chosen on validation, in catalogue rows. */
  topK: TopKRecommender;
  /** Similar movies, similar users and explanations. */
  retrieval: RetrievalEmbeddings;
  /** The predicted stars shown beside a list. */
  ranking: RatingPredictor;
}
