/** Tower specs from an adapted `MovieLensEncoder`: vocabulary sizes come from its lookups. */
import type { MovieLensEncoder, MovieLensFeature } from '../features/movielens.ts';
import type { EmbeddedFeature } from './towers.ts';

/** Embedding specs of size `dim` for id (or ragged token) features of `encoder`. */
export function embeddedFeatures(encoder: MovieLensEncoder, features: readonly MovieLensFeature[], dim: number): EmbeddedFeature[] {
  return features.map((feature) => ({ feature, inputDim: encoder.vocabularySize(feature), outputDim: dim }));
}
