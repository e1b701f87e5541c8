/** Shared preparation of `[batch, listSize]` labels/scores for the listwise and pairwise losses. */
import { tf } from '../engine/index.ts';
import { assertSameShape } from './reduction.ts';

/** Options of every listwise loss. */
export interface ListwiseLossOptions {
  /**
   * `[batch, listSize]` validity of each list item (true / 1 = real item, false / 0 = padding).
   * Default: as TF-Ranking, an item is valid when its label is ≥ 0 (padding carries label −1).
   */
  mask?: tf.Tensor2D;
}

/** Labels and validity read back to JS (they carry no gradient), plus the validity as a 0/1 tensor. */
export interface ListInputs {
  batch: number;
  listSize: number;
  labels: number[][];
  valid: boolean[][];
  /** `[batch, listSize]` float32 1 for valid items, 0 for padding. */
  validTensor: tf.Tensor2D;
}

/** Checks shapes and reads labels and the validity mask. The caller disposes `validTensor`. */
export function readListInputs(where: string, labels: tf.Tensor2D, scores: tf.Tensor2D, opts: ListwiseLossOptions): ListInputs {
  assertSameShape(where, labels, scores);
  if (labels.rank !== 2) throw new Error(`${where}: expected [batch, listSize] tensors, got shape [${labels.shape}]`);
  if (opts.mask) assertSameShape(`${where} (mask)`, labels, opts.mask);
  const [batch, listSize] = labels.shape;
  const labelRows = labels.arraySync();
  const maskRows = opts.mask?.arraySync();
  const valid = labelRows.map((row, b) => row.map((label, i) => (maskRows ? Boolean(maskRows[b][i]) : label >= 0)));
  const validTensor = tf.tensor2d(valid.map((row) => row.map(Number)), [batch, listSize], 'float32');
  return { batch, listSize, labels: labelRows, valid, validTensor };
}

/** A constant `[batch, n, n]` 0/1 tensor from a predicate over (list, i, j). */
export function pairMatrix(inputs: ListInputs, include: (b: number, i: number, j: number) => boolean): tf.Tensor3D {
  const { batch, listSize: n } = inputs;
  const values = new Float32Array(batch * n * n);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) if (include(b, i, j)) values[(b * n + i) * n + j] = 1;
    }
  }
  return tf.tensor3d(values, [batch, n, n]);
}

/** Indices of a list's valid items ordered by label, highest first (ties keep list order). */
export function validItemsByLabel(inputs: ListInputs, b: number): number[] {
  const items = inputs.labels[b].map((_, i) => i).filter((i) => inputs.valid[b][i]);
  return items.sort((x, y) => inputs.labels[b][y] - inputs.labels[b][x] || x - y);
}

/** Divides a sum by a count, returning 0 (still connected to the graph) when the count is 0. */
export function divideByCount(total: tf.Scalar, count: number): tf.Scalar {
  return tf.div(total, Math.max(1, count)) as tf.Scalar;
}
