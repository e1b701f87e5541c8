/** Layers: small classes over tf.Variables / Float32Array tables (see layer.ts for the interface). */
export { type Layer, collectVariables, collectEmbeddings, sumLosses } from './layer.ts';
export { concatenatedRows, Embedding, EmbeddingBag, type EmbeddingConfig, type EmbeddingBagConfig, type SparseGradient } from './embedding.ts';
export { Dense, type DenseConfig } from './dense.ts';
export { Dropout } from './dropout.ts';
export { MLP, type MLPOptions } from './mlp.ts';
export { Cross, type CrossConfig } from './cross.ts';
export { type Activation, activate } from './activations.ts';
export { type Initializer, EMBEDDING_UNIFORM, initialValues, deriveSeed, seedFromString } from './initializers.ts';
export * from './factorized-top-k.ts';
export * from './ivf-index.ts';
