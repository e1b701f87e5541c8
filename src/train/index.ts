/** Training: optimizers, fit callbacks, artifacts (the fit loop itself is `Model.fit`). */
export * from './optimizers.ts';
export * from './callbacks.ts';
export * from './artifact.ts';
export { epochOrder } from './batching.ts';
export { writeWeights, readWeights, type WeightEntry } from './weights-file.ts';
export * from './tuner.ts';
export * from './select-top-k.ts';
export * from './top-k-candidates.ts';
export * from './two-tower-top-k.ts';
export { saveTopKModel, loadTopKModel } from './top-k-artifact.ts';
export type { Callback } from './callback.ts';
