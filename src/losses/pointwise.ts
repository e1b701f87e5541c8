/** Pointwise losses (Keras semantics): mean squared error and binary cross-entropy. */
import { tf } from '../engine/index.ts';
import { assertSameShape, meanOverLastAxis, reduceLosses, type Reduction, type SampleWeightOptions } from './reduction.ts';

/** Options of the pointwise losses. */
export interface PointwiseLossOptions extends SampleWeightOptions {
  /** Default `'mean'` (Keras `SUM_OVER_BATCH_SIZE`). */
  reduction?: Reduction;
}

/** Keras `MeanSquaredError`: mean over the last axis, then weighted and reduced over the batch. */
export function meanSquaredError(labels: tf.Tensor, predictions: tf.Tensor, opts: PointwiseLossOptions = {}): tf.Scalar {
  assertSameShape('meanSquaredError', labels, predictions);
  return tf.tidy(() => {
    const perExample = meanOverLastAxis(tf.squaredDifference(predictions, labels));
    return reduceLosses(perExample, opts.reduction ?? 'mean', opts.sampleWeight);
  });
}

/** Options of `binaryCrossEntropy`. */
export interface BinaryCrossEntropyOptions extends PointwiseLossOptions {
  /** Whether `predictions` are logits (default false: probabilities, clipped to [1e-7, 1 - 1e-7] as Keras does). */
  fromLogits?: boolean;
}

const KERAS_EPSILON = 1e-7;

/** Keras `BinaryCrossentropy` from logits (numerically stable form) or from probabilities. */
export function binaryCrossEntropy(labels: tf.Tensor, predictions: tf.Tensor, opts: BinaryCrossEntropyOptions = {}): tf.Scalar {
  assertSameShape('binaryCrossEntropy', labels, predictions);
  return tf.tidy(() => {
    const elementwise = opts.fromLogits ? crossEntropyFromLogits(labels, predictions) : crossEntropyFromProbabilities(labels, predictions);
    return reduceLosses(meanOverLastAxis(elementwise), opts.reduction ?? 'mean', opts.sampleWeight);
  });
}

/** max(x, 0) − x·z + log(1 + exp(−|x|)), as tf.nn.sigmoid_cross_entropy_with_logits. */
function crossEntropyFromLogits(labels: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return tf.add(tf.sub(tf.relu(logits), tf.mul(logits, labels)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
}

/** −(z·log p + (1 − z)·log(1 − p)) with p clipped away from 0 and 1. */
function crossEntropyFromProbabilities(labels: tf.Tensor, probabilities: tf.Tensor): tf.Tensor {
  const p = tf.clipByValue(probabilities, KERAS_EPSILON, 1 - KERAS_EPSILON);
  return tf.neg(tf.add(tf.mul(labels, tf.log(p)), tf.mul(tf.sub(1, labels), tf.log(tf.sub(1, p)))));
}
