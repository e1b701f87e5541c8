/**
 * `Discretization`: continuous values to bucket ids, with Keras semantics.
 *
 * Bucket i holds `b[i-1] <= x < b[i]` (value < b[0] → 0, value >= b[last] → boundaries.length), as
 * TensorFlow's `Bucketize`, which compares in float32 (its boundaries are a float attribute), so
 * both sides are rounded to float32 here too. `adapt()` learns `numBins - 1` boundaries with Keras'
 * approximate-quantile summary (summarize, compress to `epsilon`, then to `1 / numBins`) over the
 * values passed in one call.
 */

/** Options of `Discretization`, in Keras' names: give `binBoundaries`, or `numBins` and call `adapt()`. */
export interface DiscretizationOptions {
  binBoundaries?: readonly number[] | null;
  numBins?: number | null;
  epsilon?: number;
}

/** The saved form of a `Discretization` layer. */
export interface DiscretizationJSON {
  class: 'Discretization';
  binBoundaries: number[] | null;
  numBins: number | null;
  epsilon: number;
}

/** A weighted quantile summary: parallel sorted values and their weights. */
interface Summary {
  values: number[];
  weights: number[];
}

/** Buckets values by bin boundaries (given, or learned as quantiles by `adapt`). */
export class Discretization {
  readonly numBins: number | null;
  readonly epsilon: number;
  private boundaries: Float32Array | null = null;

  constructor(opts: DiscretizationOptions = {}) {
    const { binBoundaries, numBins } = opts;
    if (binBoundaries && numBins) throw new Error('Discretization: give either binBoundaries or numBins, not both');
    if (numBins !== undefined && numBins !== null && (!Number.isInteger(numBins) || numBins < 2)) {
      throw new Error(`Discretization: numBins must be an integer >= 2, got ${numBins}`);
    }
    this.numBins = numBins ?? null;
    this.epsilon = opts.epsilon ?? 0.01;
    if (binBoundaries) this.setBoundaries(binBoundaries);
  }

  /** The bin boundaries (float32, ascending), or null before `adapt()`. */
  get binBoundaries(): number[] | null {
    return this.boundaries ? [...this.boundaries] : null;
  }

  /** Number of buckets (boundaries + 1): the `inputDim` of an Embedding. */
  get outputSize(): number {
    return this.requireBoundaries().length + 1;
  }

  /** Learns `numBins - 1` boundaries from the quantiles of `values`. */
  adapt(values: ArrayLike<number>): this {
    if (this.numBins === null) throw new Error('Discretization: adapt() needs numBins (this layer was given binBoundaries)');
    const sorted = Float32Array.from(values).sort();
    if (sorted.length === 0) throw new Error('Discretization: adapt() got no values');
    const summary = compress(summarize(sorted, this.epsilon), this.epsilon);
    this.setBoundaries(compress(summary, 1 / this.numBins).values.slice(0, -1));
    return this;
  }

  /** The bucket of each value. */
  apply(values: ArrayLike<number>): Int32Array {
    const b = this.requireBoundaries();
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const x = Math.fround(values[i]);
      let lo = 0;
      let hi = b.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (b[mid] <= x) lo = mid + 1;
        else hi = mid;
      }
      out[i] = lo;
    }
    return out;
  }

  /** The saved form. */
  toJSON(): DiscretizationJSON {
    return { class: 'Discretization', binBoundaries: this.binBoundaries, numBins: this.numBins, epsilon: this.epsilon };
  }

  /** Rebuilds a layer saved with `toJSON()`. */
  static fromJSON(json: DiscretizationJSON): Discretization {
    if (json?.class !== 'Discretization') throw new Error(`Discretization.fromJSON: expected class "Discretization", got ${JSON.stringify(json?.class)}`);
    const layer = new Discretization({ numBins: json.numBins, epsilon: json.epsilon });
    if (json.binBoundaries) layer.setBoundaries(json.binBoundaries);
    return layer;
  }

  private setBoundaries(boundaries: readonly number[]): void {
    const b = Float32Array.from(boundaries);
    for (let i = 1; i < b.length; i++) {
      if (!(b[i] >= b[i - 1])) throw new Error(`Discretization: binBoundaries must be ascending (index ${i}: ${b[i]} after ${b[i - 1]})`);
    }
    this.boundaries = b;
  }

  private requireBoundaries(): Float32Array {
    if (!this.boundaries) throw new Error('Discretization: call adapt() first (no binBoundaries yet)');
    return this.boundaries;
  }
}

/** Keras `summarize`: every `step`-th sorted value, each weighted `step`. */
function summarize(sorted: Float32Array, epsilon: number): Summary {
  const increment = Math.trunc(sorted.length / (1 / epsilon));
  const step = Math.max(increment, 1);
  const values: number[] = [];
  for (let i = increment; i < sorted.length; i += step) values.push(sorted[i]);
  return { values, weights: values.map(() => step) };
}

/** Keras `compress_summary`: re-bins a summary at cumulative-weight fractions epsilon, 2·epsilon, ..., 1. */
function compress(summary: Summary, epsilon: number): Summary {
  if (summary.values.length * epsilon < 1) return summary;
  const cum: number[] = [];
  summary.weights.reduce((s, w) => (cum.push(s + w), s + w), 0);
  const total = cum[cum.length - 1];
  const fractions = cum.map((c) => c / total);
  const values: number[] = [];
  const cumAt: number[] = [];
  const count = Math.ceil(1 / epsilon);
  for (let k = 0; k < count; k++) {
    const p = k * epsilon + epsilon;
    values.push(Math.fround(interp(p, fractions, summary.values)));
    cumAt.push(interp(p, fractions, cum));
  }
  return { values, weights: cumAt.map((c, i) => Math.fround(c - (i ? cumAt[i - 1] : 0))) };
}

/** numpy `interp`: piecewise-linear y(x) over ascending xs, clamped at the ends. */
function interp(x: number, xs: readonly number[], ys: readonly number[]): number {
  if (x <= xs[0]) return ys[0];
  const last = xs.length - 1;
  if (x >= xs[last]) return ys[last];
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const t = (x - xs[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + t * (ys[hi] - ys[lo]);
}
