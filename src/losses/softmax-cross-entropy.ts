/** Softmax (categorical) cross-entropy from logits, the loss of TFRS' Retrieval task. */
import { tf } from '../engine/index.ts';
import { softmaxCrossEntropyWithLogits } from '../engine/kernels.ts';
import { assertSameShape, reduceLosses, type Reduction, type SampleWeightOptions } from './reduction.ts';

/** Options of `softmaxCrossEntropy`. */
export interface SoftmaxCrossEntropyOptions extends SampleWeightOptions {
  /**
   * Default `'sum'`: TFRS' Retrieval uses `CategoricalCrossentropy(from_logits=True, reduction=SUM)`,
   * which is why its reported losses are in the hundreds or thousands. `'mean'` divides by the batch size.
   */
  reduction?: Reduction;
}

/** −Σⱼ yᵢⱼ·log softmax(xᵢ)ⱼ per row of `[batch, classes]` logits, then reduced over the batch. */
export function softmaxCrossEntropy(labels: tf.Tensor2D, logits: tf.Tensor2D, opts: SoftmaxCrossEntropyOptions = {}): tf.Scalar {
  assertSameShape('softmaxCrossEntropy', labels, logits);
  return tf.tidy(() => {
    const perExample = softmaxCrossEntropyWithLogits(labels, logits);
    return reduceLosses(perExample, opts.reduction ?? 'sum', opts.sampleWeight);
  });
}
