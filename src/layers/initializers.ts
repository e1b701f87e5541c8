/** Seeded weight initialisers with the Keras defaults (all return a fresh Float32Array). */
import { Rng } from '../util/random.ts';

/** How a layer's weights are initialised; `seed` makes it reproducible. */
export type Initializer =
  | { kind: 'uniform'; minval: number; maxval: number }
  | { kind: 'glorotUniform' }
  | { kind: 'truncatedNormal'; stddev: number }
  | { kind: 'zeros' };

/** Keras `Embedding` default: uniform(-0.05, 0.05). */
export const EMBEDDING_UNIFORM: Initializer = { kind: 'uniform', minval: -0.05, maxval: 0.05 };

/**
 * Values for a `[fanIn, fanOut]` weight (or any shape whose first/last dims are fanIn/fanOut).
 * Glorot uniform: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)); truncated normal redraws beyond 2σ.
 */
export function initialValues(init: Initializer, size: number, fanIn: number, fanOut: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(size);
  switch (init.kind) {
    case 'zeros':
      return out;
    case 'uniform':
      for (let i = 0; i < size; i++) out[i] = init.minval + (init.maxval - init.minval) * rng.next();
      return out;
    case 'glorotUniform': {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < size; i++) out[i] = (2 * rng.next() - 1) * limit;
      return out;
    }
    case 'truncatedNormal':
      for (let i = 0; i < size; i++) {
        let z = rng.normal();
        while (Math.abs(z) > 2) z = rng.normal();
        out[i] = z * init.stddev;
      }
      return out;
  }
}

/** A seed derived from a base seed and a salt, so the weights of one layer differ from another's. */
export function deriveSeed(seed: number, salt: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(salt + 1, 0xc2b2ae35)) >>> 0;
}

/** A seed from a string (FNV-1a), e.g. a layer name, so differently named layers start differently. */
export function seedFromString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
