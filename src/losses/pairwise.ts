/**
 * Pairwise losses after TF-Ranking: for every pair of valid items with labelᵢ > labelⱼ, a penalty on
 * dᵢⱼ = sᵢ − sⱼ, averaged over those pairs (TF-Ranking's SUM_BY_NONZERO_WEIGHTS).
 */
import { tf } from '../engine/index.ts';
import { divideByCount, pairMatrix, readListInputs, type ListwiseLossOptions } from './list-inputs.ts';

/** Averages `penalty(sᵢ − sⱼ)` over the label-ordered pairs of valid items. */
function pairwiseLoss(where: string, labels: tf.Tensor2D, scores: tf.Tensor2D, opts: ListwiseLossOptions, penalty: (d: tf.Tensor) => tf.Tensor): tf.Scalar {
  const inputs = readListInputs(where, labels, scores, opts);
  let pairCount = 0;
  const ordered = pairMatrix(inputs, (b, i, j) => {
    const include = inputs.valid[b][i] && inputs.valid[b][j] && inputs.labels[b][i] > inputs.labels[b][j];
    if (include) pairCount++;
    return include;
  });
  return tf.tidy(() => {
    const differences = tf.sub(tf.expandDims(scores, 2), tf.expandDims(scores, 1));
    const result = divideByCount(tf.sum(tf.mul(penalty(differences), ordered)), pairCount);
    ordered.dispose();
    inputs.validTensor.dispose();
    return result;
  });
}

/** TF-Ranking `PairwiseHingeLoss`: max(0, 1 − (sᵢ − sⱼ)). */
export function pairwiseHinge(labels: tf.Tensor2D, scores: tf.Tensor2D, opts: ListwiseLossOptions = {}): tf.Scalar {
  return pairwiseLoss('pairwiseHinge', labels, scores, opts, (d) => tf.relu(tf.sub(1, d)));
}

/** TF-Ranking `PairwiseLogisticLoss`: log(1 + exp(−(sᵢ − sⱼ))), computed stably. */
export function pairwiseLogistic(labels: tf.Tensor2D, scores: tf.Tensor2D, opts: ListwiseLossOptions = {}): tf.Scalar {
  return pairwiseLoss('pairwiseLogistic', labels, scores, opts, (d) => tf.add(tf.relu(tf.neg(d)), tf.log1p(tf.exp(tf.neg(tf.abs(d))))));
}
