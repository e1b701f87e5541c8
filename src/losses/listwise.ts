/**
 * Listwise losses over `[batch, listSize]` scores, after TF-Ranking's `losses_impl.py`:
 * ListMLE, softmax (label-weighted targets) and ApproxNDCG. Padded items (see `ListwiseLossOptions.mask`)
 * are excluded exactly rather than pushed to a very small logit.
 */
import { tf } from '../engine/index.ts';
import { divideByCount, pairMatrix, readListInputs, validItemsByLabel, type ListwiseLossOptions } from './list-inputs.ts';

/** A very negative logit for padded items: exp underflows to 0 without producing NaN. */
const PADDING_LOGIT = -1e9;

/** Replaces the scores of padded items by `PADDING_LOGIT` (no gradient flows to them). */
function maskPadding(scores: tf.Tensor2D, validTensor: tf.Tensor2D): tf.Tensor2D {
  return tf.where(tf.cast(validTensor, 'bool'), scores, tf.fill(scores.shape, PADDING_LOGIT));
}

/**
 * ListMLE (Xia et al. 2008): the negative log-likelihood of the label order under the Plackett-Luce
 * model, Σᵢ (log Σ_{j ranked at or below i} exp sⱼ − sᵢ), averaged over lists with a valid item.
 * Label ties keep list order (TF-Ranking shuffles them with a seed).
 */
export function listMLE(labels: tf.Tensor2D, scores: tf.Tensor2D, opts: ListwiseLossOptions = {}): tf.Scalar {
  const inputs = readListInputs('listMLE', labels, scores, opts);
  const position = inputs.labels.map((row, b) => {
    const order = new Array<number>(row.length).fill(-1);
    validItemsByLabel(inputs, b).forEach((item, rank) => (order[item] = rank));
    return order;
  });
  // remaining[b, i, j] = 1 when item j is still unplaced when item i is placed.
  const remaining = pairMatrix(inputs, (b, i, j) => position[b][i] >= 0 && position[b][j] >= position[b][i]);
  const listCount = inputs.valid.filter((row) => row.some(Boolean)).length;
  return tf.tidy(() => {
    // log Σ exp(s − m) + m is exact for any m (the gradient through m cancels); m = the largest valid score.
    const validScores = maskPadding(scores, inputs.validTensor);
    const shift = tf.max(validScores, -1, true);
    const expScores = tf.exp(tf.sub(validScores, shift));
    const remainingMass = tf.sum(tf.mul(remaining, tf.expandDims(expScores, 1)), -1);
    const logMass = tf.add(tf.log(tf.maximum(remainingMass, 1e-30)), shift);
    const perItem = tf.mul(tf.sub(logMass, scores), inputs.validTensor);
    const result = divideByCount(tf.sum(perItem), listCount);
    remaining.dispose();
    inputs.validTensor.dispose();
    return result;
  });
}


/**
 * TF-Ranking `SoftmaxLoss`: cross-entropy between softmax(scores) and labels / Σ labels, each list
 * weighted by its label sum, summed and divided by the number of lists with a positive label sum.
 */
export function softmaxListwise(labels: tf.Tensor2D, scores: tf.Tensor2D, opts: ListwiseLossOptions = {}): tf.Scalar {
  const inputs = readListInputs('softmaxListwise', labels, scores, opts);
  const labelSums = inputs.labels.map((row, b) => row.reduce((s, l, i) => s + (inputs.valid[b][i] ? Math.max(0, l) : 0), 0));
  const listCount = labelSums.filter((s) => s > 0).length;
  return tf.tidy(() => {
    const cleanLabels = tf.mul(tf.relu(labels), inputs.validTensor);
    const maskedScores = maskPadding(scores, inputs.validTensor);
    // Σⱼ yⱼ·(−log softmax(s)ⱼ) equals label_sum × CE(y / label_sum, softmax(s)).
    const perList = tf.neg(tf.sum(tf.mul(cleanLabels, tf.logSoftmax(maskedScores)), -1));
    const result = divideByCount(tf.sum(perList), listCount);
    inputs.validTensor.dispose();
    return result;
  });
}

/** Options of `approxNDCG`. */
export interface ApproxNDCGOptions extends ListwiseLossOptions {
  /** Sigmoid temperature of the approximate ranks (TF-Ranking default 0.1, i.e. alpha = 1 / temperature = 10). */
  temperature?: number;
}

/** NDCG gain 2^label − 1. */
function gain(label: number): number {
  return 2 ** label - 1;
}

/**
 * TF-Ranking `ApproxNDCGLoss` (Qin et al. 2010): −NDCG with each rank replaced by the smooth
 * rankᵢ = 1 + Σ_{j≠i} sigmoid((sⱼ − sᵢ) / temperature), averaged over lists with a relevant item.
 */
export function approxNDCG(labels: tf.Tensor2D, scores: tf.Tensor2D, opts: ApproxNDCGOptions = {}): tf.Scalar {
  const temperature = opts.temperature ?? 0.1;
  if (!(temperature > 0)) throw new Error(`approxNDCG: temperature must be > 0, got ${temperature}`);
  const inputs = readListInputs('approxNDCG', labels, scores, opts);
  const inverseIdealDcg = inputs.labels.map((_, b) => {
    const ideal = validItemsByLabel(inputs, b).reduce((s, item, r) => s + gain(Math.max(0, inputs.labels[b][item])) / Math.log2(r + 2), 0);
    return ideal > 0 ? 1 / ideal : 0;
  });
  const listCount = inverseIdealDcg.filter((x) => x > 0).length;
  const gains = inputs.labels.map((row, b) => row.map((l, i) => (inputs.valid[b][i] ? gain(Math.max(0, l)) * inverseIdealDcg[b] : 0)));
  const others = pairMatrix(inputs, (b, i, j) => i !== j && inputs.valid[b][j]);
  return tf.tidy(() => {
    // pairwise[b, i, j] = sigmoid((s_j − s_i) / T)
    const pairwise = tf.sigmoid(tf.div(tf.sub(tf.expandDims(scores, 1), tf.expandDims(scores, 2)), temperature));
    const ranks = tf.add(1, tf.sum(tf.mul(pairwise, others), -1));
    const discounts = tf.div(Math.LN2, tf.log1p(ranks));
    const ndcg = tf.sum(tf.mul(tf.tensor2d(gains, [inputs.batch, inputs.listSize]), discounts));
    const result = divideByCount(tf.neg(ndcg) as tf.Scalar, listCount);
    others.dispose();
    inputs.validTensor.dispose();
    return result;
  });
}
