/**
 * The TFRS basic-recommender tutorial's `EnrichedRankingModel` ("taking advantage of context
 * features"): the user side embeds the user id and the timestamp's bucket (1,000 equal-width
 * buckets) and appends the normalized timestamp; the movie side embeds the title id and mean-pools
 * an embedding of the title's words; Dense(64, relu) → Dense(1) predicts the rating.
 *
 * It is a `RankingModel` over one `FeatureTower`; this module builds its configuration from an
 * adapted `MovieLensEncoder` with those features.
 */
import type { MovieLensEncoder, MovieLensFeature } from '../features/movielens.ts';
import { embeddedFeatures } from './encoder-towers.ts';
import type { RankingConfig } from './ranking.ts';

/** The encoder features the enriched model reads (plus the `user_rating` label). */
export const CONTEXT_FEATURES: MovieLensFeature[] = ['user_id', 'timestamp_bucket', 'timestamp_normalized', 'movie_title', 'movie_title_tokens'];

/** The tutorial's enriched ranking model as a `RankingModel` configuration. */
export function enrichedRankingConfig(encoder: MovieLensEncoder, opts: { embeddingDim?: number; seed?: number } = {}): RankingConfig {
  const dim = opts.embeddingDim ?? 32;
  return {
    tower: {
      name: 'enriched',
      embeddings: embeddedFeatures(encoder, ['user_id', 'timestamp_bucket', 'movie_title'], dim),
      bags: embeddedFeatures(encoder, ['movie_title_tokens'], dim),
      numeric: ['timestamp_normalized'],
      seed: opts.seed,
    },
    layers: [64, 1],
    label: 'user_rating',
    seed: opts.seed,
  };
}
