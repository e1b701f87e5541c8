/** The streaming-metric contract and the small helpers every metric shares. */
import { tf } from '../engine/index.ts';

/** A streaming metric (Keras `Metric`): accumulate with `update`, read with `result`, clear with `reset`. */
export interface Metric {
  /** The key under which tasks report it (Keras / TFRS names, e.g. `root_mean_squared_error`). */
  readonly name: string;
  update(...args: never[]): void;
  result(): number;
  reset(): void;
}

/** Numbers from JS arrays, typed arrays or tensors (tensors are read synchronously). */
export type Values = ArrayLike<number> | tf.Tensor;

/** Reads `values` into a flat number array-like. */
export function toNumbers(values: Values): ArrayLike<number> {
  return values instanceof tf.Tensor ? values.dataSync() : values;
}

/** `[rows][columns]` from a 2-D tensor or nested arrays. */
export type Matrix = tf.Tensor2D | number[][];

/** Reads a matrix into nested arrays. */
export function toRows(matrix: Matrix): number[][] {
  return matrix instanceof tf.Tensor ? matrix.arraySync() : matrix;
}

/** Reads labels, predictions and optional weights of equal length, or throws naming the metric. */
export function readPaired(where: string, labels: Values, predictions: Values, sampleWeight?: Values): [ArrayLike<number>, ArrayLike<number>, ArrayLike<number> | undefined] {
  const y = toNumbers(labels);
  const p = toNumbers(predictions);
  const w = sampleWeight === undefined ? undefined : toNumbers(sampleWeight);
  if (y.length !== p.length || (w && w.length !== y.length)) {
    throw new Error(`${where}.update: ${y.length} labels, ${p.length} predictions${w ? `, ${w.length} weights` : ''} (must be equal)`);
  }
  return [y, p, w];
}

/** A running weighted mean (Keras `Mean`); the result of an empty mean is 0. */
export class WeightedMean {
  private total = 0;
  private count = 0;

  add(value: number, weight = 1): void {
    this.total += value * weight;
    this.count += weight;
  }

  mean(): number {
    return this.count > 0 ? this.total / this.count : 0;
  }

  reset(): void {
    this.total = 0;
    this.count = 0;
  }
}
