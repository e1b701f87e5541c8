/**
 * DCN-v2 `Cross` layer (TFRS `tfrs.layers.dcn.Cross`):
 *   x_{i+1} = x0 ⊙ (W·x_i + b + diagScale·x_i) + x_i
 * with a full W (d × d) or, with `projectionDim` r, a low-rank W = U·V (x·U is d → r, then · V is
 * r → d; the bias belongs to V as in TFRS). Weights use Keras' row-vector convention: the layer
 * computes x·K for a kernel K of shape [in, out], so W as a matrix acting on column vectors is Kᵀ.
 */
import { tf } from '../engine/index.ts';
import { sumLosses, type Layer } from './layer.ts';
import type { Embedding } from './embedding.ts';
import { Dense } from './dense.ts';
import { deriveSeed, type Initializer } from './initializers.ts';
import { nextDefaultSeed } from './seeds.ts';

/** Options of `Cross`. */
export interface CrossConfig {
  /** Rank of the low-rank W = U·V; omit for a full d × d matrix. */
  projectionDim?: number;
  /** Adds diagScale·I to W (non-negative); defaults to 0. */
  diagScale?: number;
  /** Defaults to true. */
  useBias?: boolean;
  /** Input width d; built on first `apply` when omitted. */
  inputDim?: number;
  /** Defaults to TFRS' truncated normal (stddev 0.05). */
  kernelInitializer?: Initializer;
  kernelRegularizerL2?: number;
  name?: string;
  seed?: number;
}

/** One cross layer; stack them with `apply(x0, previous)`. */
export class Cross implements Layer {
  readonly name: string;
  readonly config: CrossConfig & { seed: number };
  private dense: Dense | undefined;
  private denseU: Dense | undefined;
  private denseV: Dense | undefined;

  constructor(config: CrossConfig = {}) {
    if ((config.diagScale ?? 0) < 0) throw new Error(`Cross: diagScale must be non-negative, got ${config.diagScale}`);
    this.config = { ...config, seed: config.seed ?? nextDefaultSeed() };
    this.name = config.name ?? 'cross';
    if (config.inputDim !== undefined) this.build(config.inputDim);
  }

  /** Creates the weights for inputs of width `d`. */
  build(d: number): void {
    if (this.dense || this.denseU) return;
    const { projectionDim, useBias = true, kernelRegularizerL2, seed } = this.config;
    const kernelInitializer = this.config.kernelInitializer ?? { kind: 'truncatedNormal', stddev: 0.05 };
    this.config.inputDim = d;
    const common = { inputDim: d, kernelInitializer, kernelRegularizerL2 };
    if (projectionDim === undefined) {
      this.dense = new Dense({ ...common, units: d, useBias, name: `${this.name}/dense`, seed: deriveSeed(seed, 0) });
    } else {
      this.denseU = new Dense({ ...common, units: projectionDim, useBias: false, name: `${this.name}/dense_u`, seed: deriveSeed(seed, 1) });
      this.denseV = new Dense({ ...common, inputDim: projectionDim, units: d, useBias, name: `${this.name}/dense_v`, seed: deriveSeed(seed, 2) });
    }
  }

  /** The cross of `x0` with `x` (defaults to x0): x0 ⊙ (x·K + b + diagScale·x) + x. */
  apply(x0: tf.Tensor2D, x: tf.Tensor2D = x0): tf.Tensor2D {
    if (x0.shape[1] !== x.shape[1]) throw new Error(`Cross: x0 width ${x0.shape[1]} differs from x width ${x.shape[1]}`);
    this.build(x0.shape[1]);
    let prod = this.dense ? this.dense.apply(x) : this.denseV!.apply(this.denseU!.apply(x));
    const diag = this.config.diagScale ?? 0;
    if (diag) prod = tf.add(prod, tf.mul(diag, x));
    return tf.add(tf.mul(x0, prod), x);
  }

  /**
   * The effective d × d kernel K (x·K; U·V in the low-rank case), without diagScale, as a
   * row-major Float32Array: K[i][j] is the weight of input feature i in output feature j — the
   * matrix the DCN tutorial plots as a feature-interaction heatmap.
   */
  fullKernel(): Float32Array {
    if (this.dense) return this.dense.kernel!.dataSync() as Float32Array;
    if (!this.denseU) throw new Error(`Cross '${this.name}' is not built yet`);
    return tf.tidy(() => tf.matMul(this.denseU!.kernel as tf.Tensor2D, this.denseV!.kernel as tf.Tensor2D).dataSync() as Float32Array);
  }

  private parts(): Dense[] {
    return [this.dense, this.denseU, this.denseV].filter((d): d is Dense => d !== undefined);
  }

  regularizationLoss(): tf.Scalar | undefined {
    return sumLosses(this.parts().map((d) => d.regularizationLoss()));
  }

  variables(): tf.Variable[] {
    return this.parts().flatMap((d) => d.variables());
  }

  embeddings(): Embedding[] {
    return [];
  }

  getConfig(): object {
    return { ...this.config };
  }
}
