/** Preprocessing: Keras-style layers (lookups, hashing, buckets, normalization, text) and the MovieLens encoder. */
export { isRagged, resizeRagged, takeRows, type Column, type Columns, type Ragged } from './columns.ts';
export { Discretization, type DiscretizationJSON, type DiscretizationOptions } from './discretization.ts';
export { farmHashBucket, sipHash24, sipHashBucket } from './hash.ts';
export { Hashing, type HashingJSON, type HashingOptions } from './hashing.ts';
export { IndexLookup, type IndexLookupJSON, type IndexLookupOptions } from './index-lookup.ts';
export { IntegerLookup } from './integer-lookup.ts';
export { availableFeatures, MOVIELENS_FEATURES, MovieLensEncoder, type FitOn, type MovieLensEncoderJSON, type MovieLensEncoderOptions, type MovieLensFeature } from './movielens.ts';
export { Normalization, type NormalizationJSON, type NormalizationOptions } from './normalization.ts';
export { StringLookup } from './string-lookup.ts';
export { TextVectorization, type Split, type Standardize, type TextVectorizationJSON, type TextVectorizationOptions } from './text-vectorization.ts';
