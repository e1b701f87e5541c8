/** `MLP(units, opts)`: a stack of `Dense` layers with optional dropout between them. */
import type { tf } from '../engine/index.ts';
import { sumLosses, type Layer } from './layer.ts';
import type { Embedding } from './embedding.ts';
import type { Activation } from './activations.ts';
import { Dense } from './dense.ts';
import { Dropout } from './dropout.ts';
import { deriveSeed } from './initializers.ts';
import { nextDefaultSeed } from './seeds.ts';

/** Options of `MLP`. */
export interface MLPOptions {
  /** Activation of every layer but the last; defaults to 'relu'. */
  activation?: Activation;
  /** Activation of the last layer; defaults to 'linear'. */
  finalActivation?: Activation;
  /** Dropout rate after every hidden layer (not after the last); defaults to 0. */
  dropout?: number;
  /** L2 factor on every kernel. */
  l2?: number;
  /** Max-norm constraint on every kernel. */
  maxNorm?: number;
  /** Input width (builds eagerly); otherwise built on first `apply`. */
  inputDim?: number;
  useBias?: boolean;
  name?: string;
  seed?: number;
}

/** e.g. `new MLP([256, 64, 1])` is Dense(256, relu) → Dense(64, relu) → Dense(1). */
export class MLP implements Layer {
  readonly name: string;
  readonly units: number[];
  readonly options: MLPOptions & { seed: number };
  readonly dense: Dense[];
  private readonly dropouts: Dropout[];

  constructor(units: number[], options: MLPOptions = {}) {
    if (units.length === 0) throw new Error('MLP: needs at least one layer size');
    this.units = [...units];
    this.options = { ...options, seed: options.seed ?? nextDefaultSeed() };
    this.name = options.name ?? 'mlp';
    const { activation = 'relu', finalActivation = 'linear', dropout = 0, seed } = this.options;
    let inputDim = options.inputDim;
    this.dense = units.map((u, i) => {
      const layer = new Dense({
        units: u,
        activation: i === units.length - 1 ? finalActivation : activation,
        inputDim,
        useBias: options.useBias ?? true,
        kernelRegularizerL2: options.l2,
        maxNorm: options.maxNorm,
        name: `${this.name}/dense_${i}`,
        seed: deriveSeed(seed, i),
      });
      inputDim = inputDim === undefined ? undefined : u;
      return layer;
    });
    this.dropouts = dropout > 0 ? units.slice(0, -1).map((_, i) => new Dropout(dropout, deriveSeed(seed, 1000 + i))) : [];
  }

  /** Runs the stack; dropout only when `training`. */
  apply(x: tf.Tensor2D, training = false): tf.Tensor2D {
    let h = x;
    this.dense.forEach((layer, i) => {
      h = layer.apply(h);
      const drop = this.dropouts[i];
      if (drop) h = drop.apply(h, training);
    });
    return h;
  }

  /** The dropout layers. */
  dropoutLayers(): Dropout[] {
    return this.dropouts;
  }

  regularizationLoss(): tf.Scalar | undefined {
    return sumLosses(this.dense.map((d) => d.regularizationLoss()));
  }

  applyConstraints(): void {
    for (const d of this.dense) d.applyConstraints();
  }

  variables(): tf.Variable[] {
    return this.dense.flatMap((d) => d.variables());
  }

  embeddings(): Embedding[] {
    return [];
  }

  getConfig(): object {
    return { units: this.units, ...this.options };
  }
}
