/** Losses: pointwise (MSE, binary CE), softmax CE, listwise and pairwise ranking losses. */
import type { tf } from '../engine/index.ts';

export { meanSquaredError, binaryCrossEntropy, type PointwiseLossOptions, type BinaryCrossEntropyOptions } from './pointwise.ts';
export { softmaxCrossEntropy, type SoftmaxCrossEntropyOptions } from './softmax-cross-entropy.ts';
export { listMLE, softmaxListwise, approxNDCG, type ApproxNDCGOptions } from './listwise.ts';
export { pairwiseHinge, pairwiseLogistic } from './pairwise.ts';
export type { ListwiseLossOptions } from './list-inputs.ts';
export type { Reduction, SampleWeightOptions } from './reduction.ts';
export { checkGradient, type GradientCheckResult } from './gradient-check.ts';

/**
 * A loss over (labels, predictions), the shape the Ranking task takes. Declared as a method so that
 * losses typed on `tf.Tensor2D` (the listwise ones) fit too (method parameters are bivariant).
 */
export type LossFunction = {
  loss(labels: tf.Tensor, predictions: tf.Tensor, opts?: { sampleWeight?: tf.Tensor; mask?: tf.Tensor2D }): tf.Scalar;
}['loss'];
