/**
 * `Normalization` with `axis: null` (one mean and variance over all values), Keras semantics:
 * output `(x - mean) / max(sqrt(variance), 1e-7)`; `invert` maps back with `mean + x · max(...)`.
 * `adapt()` computes the population mean and variance in float64 (Keras accumulates in float32).
 */

/** Keras' `backend.epsilon()`. */
const EPSILON = 1e-7;

/** Options of `Normalization`, in Keras' names; give `mean` and `variance`, or call `adapt()`. */
export interface NormalizationOptions {
  /** Only `null` (a single scalar mean/variance) is supported. */
  axis?: null;
  mean?: number | null;
  variance?: number | null;
  invert?: boolean;
}

/** The saved form of a `Normalization` layer. */
export interface NormalizationJSON {
  class: 'Normalization';
  mean: number | null;
  variance: number | null;
  invert: boolean;
}

/** Standardizes values to zero mean and unit variance (or back, with `invert`). */
export class Normalization {
  readonly invert: boolean;
  private stats: { mean: number; variance: number } | null = null;

  constructor(opts: NormalizationOptions = {}) {
    if (opts.axis !== undefined && opts.axis !== null) throw new Error(`Normalization: only axis null is supported, got ${JSON.stringify(opts.axis)}`);
    const { mean, variance } = opts;
    if ((mean ?? null) === null !== ((variance ?? null) === null)) throw new Error('Normalization: give both mean and variance, or neither');
    if (mean !== undefined && mean !== null && variance !== undefined && variance !== null) this.stats = { mean, variance };
    this.invert = opts.invert ?? false;
  }

  /** The mean, or null before `adapt()`. */
  get mean(): number | null {
    return this.stats?.mean ?? null;
  }

  /** The (population) variance, or null before `adapt()`. */
  get variance(): number | null {
    return this.stats?.variance ?? null;
  }

  /** Learns the mean and population variance of `values` (Welford's algorithm). */
  adapt(values: ArrayLike<number>): this {
    if (values.length === 0) throw new Error('Normalization: adapt() got no values');
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < values.length; i++) {
      const delta = values[i] - mean;
      mean += delta / (i + 1);
      m2 += delta * (values[i] - mean);
    }
    this.stats = { mean, variance: m2 / values.length };
    return this;
  }

  /** The normalized (or, with `invert`, de-normalized) values. */
  apply(values: ArrayLike<number>): Float32Array {
    if (!this.stats) throw new Error('Normalization: call adapt() first, or give mean and variance');
    const { mean, variance } = this.stats;
    const scale = Math.max(Math.sqrt(variance), EPSILON);
    const out = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = this.invert ? mean + values[i] * scale : (values[i] - mean) / scale;
    return out;
  }

  /** The saved form. */
  toJSON(): NormalizationJSON {
    return { class: 'Normalization', mean: this.mean, variance: this.variance, invert: this.invert };
  }

  /** Rebuilds a layer saved with `toJSON()`. */
  static fromJSON(json: NormalizationJSON): Normalization {
    if (json?.class !== 'Normalization') throw new Error(`Normalization.fromJSON: expected class "Normalization", got ${JSON.stringify(json?.class)}`);
    return new Normalization({ mean: json.mean, variance: json.variance, invert: json.invert });
  }
}
