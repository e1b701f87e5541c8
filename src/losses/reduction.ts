/** Loss reductions shared by the pointwise and listwise losses. */
import { tf } from '../engine/index.ts';

/** How per-example losses become one scalar: Keras `SUM` or `SUM_OVER_BATCH_SIZE`. */
export type Reduction = 'sum' | 'mean';

/** Per-example weights (`[batch]`), as Keras' `sample_weight`. */
export interface SampleWeightOptions {
  sampleWeight?: tf.Tensor;
}

/**
 * Reduces `[batch]` per-example losses, optionally weighted. `'mean'` divides by the batch size
 * (not by the weight sum), as Keras' `SUM_OVER_BATCH_SIZE` does.
 */
export function reduceLosses(perExample: tf.Tensor, reduction: Reduction, sampleWeight?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const weighted = sampleWeight ? tf.mul(perExample, tf.reshape(sampleWeight, perExample.shape)) : perExample;
    const total = tf.sum(weighted);
    return (reduction === 'sum' ? total : tf.div(total, Math.max(1, perExample.shape[0] ?? 1))) as tf.Scalar;
  });
}

/** Averages over the last axis when the tensor has more than one axis (Keras' per-sample mean). */
export function meanOverLastAxis(x: tf.Tensor): tf.Tensor {
  return x.rank > 1 ? tf.mean(x, -1) : x;
}

/** Throws a clear error when two tensors that must match do not. */
export function assertSameShape(where: string, a: tf.Tensor, b: tf.Tensor): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new Error(`${where}: labels shape [${a.shape}] does not match predictions shape [${b.shape}]`);
  }
}
