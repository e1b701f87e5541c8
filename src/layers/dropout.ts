/** `Dropout(rate)`: zeroes a fraction `rate` of activations while training, scaling the rest by 1/(1-rate). */
import { tf } from '../engine/index.ts';
import type { Layer } from './layer.ts';
import type { Embedding } from './embedding.ts';
import { Rng } from '../util/random.ts';
import { nextDefaultSeed } from './seeds.ts';

/** Inverted dropout with its own seeded generator (masks are drawn in JS, so runs are reproducible). */
export class Dropout implements Layer {
  readonly name: string;
  readonly rate: number;
  readonly seed: number;
  private rng: Rng;

  constructor(rate: number, seed: number = nextDefaultSeed(), name = 'dropout') {
    if (!(rate >= 0 && rate < 1)) throw new Error(`Dropout: rate must be in [0, 1), got ${rate}`);
    this.rate = rate;
    this.seed = seed;
    this.rng = new Rng(seed);
    this.name = name;
  }

  /** Identity unless `training` (and rate > 0). */
  apply(x: tf.Tensor2D, training: boolean): tf.Tensor2D {
    if (!training || this.rate === 0) return x;
    const mask = new Float32Array(x.size);
    const scale = 1 / (1 - this.rate);
    for (let i = 0; i < mask.length; i++) mask[i] = this.rng.next() < this.rate ? 0 : scale;
    return tf.mul(x, tf.tensor2d(mask, x.shape));
  }

  /** Restarts the mask sequence from `seed`. */
  reseed(seed: number): void {
    this.rng = new Rng(seed);
  }

  variables(): tf.Variable[] {
    return [];
  }

  embeddings(): Embedding[] {
    return [];
  }

  getConfig(): object {
    return { rate: this.rate, seed: this.seed, name: this.name };
  }
}
