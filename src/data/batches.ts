/** Mini-batches of rating rows for training loops (Keras `fit(batch_size=..., shuffle=True)`). */
import { Rng } from '../util/random.ts';

/** Options of `batches`. */
export interface BatchOptions {
  /** Shuffle the rows first (a fresh order on every call). */
  shuffle?: boolean;
  /** The generator for shuffling; defaults to `new Rng(0)`. Pass one Rng across epochs for a new order each epoch. */
  rng?: Rng;
  /** Drop a last batch smaller than `batchSize`. */
  dropRemainder?: boolean;
}

/**
 * Yields `Int32Array` batches of row indices: `rows` itself, or 0..rows-1 when a count. Batches are
 * views of one order array (no copy per batch).
 */
export function* batches(rows: Int32Array | number, batchSize: number, opts: BatchOptions = {}): Generator<Int32Array> {
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  let order: Int32Array;
  if (typeof rows === 'number') {
    order = new Int32Array(rows);
    for (let i = 0; i < rows; i++) order[i] = i;
  } else order = opts.shuffle ? rows.slice() : rows;
  if (opts.shuffle) (opts.rng ?? new Rng(0)).shuffle(order);
  const end = opts.dropRemainder ? order.length - (order.length % batchSize) : order.length;
  for (let start = 0; start < end; start += batchSize) yield order.subarray(start, Math.min(start + batchSize, end));
}

/** The number of batches `batches(n, batchSize, { dropRemainder })` yields. */
export function batchCount(n: number, batchSize: number, dropRemainder = false): number {
  return dropRemainder ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}
