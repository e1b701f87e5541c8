/** `Hashing`: values to `numBins` buckets by hashing, with Keras semantics. */
import { farmHashBucket, sipHashBucket } from './hash.ts';

/** Options of `Hashing`, in Keras' names. */
export interface HashingOptions {
  numBins: number;
  /** Keyed (strong, SipHash) hashing; a number is used for both key words, as in Keras. */
  salt?: number | [number, number] | null;
  /** A value that maps to bin 0; the others then hash into bins 1..numBins-1. */
  maskValue?: string | number | null;
}

/** The saved form of a `Hashing` layer. */
export interface HashingJSON {
  class: 'Hashing';
  numBins: number;
  salt: [number, number] | null;
  maskValue: string | number | null;
}

/**
 * Hashes strings (or integers, hashed as their decimal string; floats are truncated first, as Keras
 * does) into `numBins` bins: FarmHash Fingerprint64 by default, SipHash-2-4 when salted.
 */
export class Hashing {
  readonly numBins: number;
  readonly salt: [number, number] | null;
  readonly maskValue: string | number | null;

  constructor(opts: HashingOptions) {
    if (!Number.isInteger(opts.numBins) || opts.numBins < 1) throw new Error(`Hashing: numBins must be an integer >= 1, got ${opts.numBins}`);
    this.numBins = opts.numBins;
    const salt = opts.salt ?? null;
    this.salt = salt === null ? null : typeof salt === 'number' ? [salt, salt] : [salt[0], salt[1]];
    this.maskValue = opts.maskValue ?? null;
  }

  /** The number of distinct outputs (the `inputDim` of an Embedding). */
  get outputSize(): number {
    return this.numBins;
  }

  /** Nothing to learn; present so every preprocessing layer can be adapted alike. */
  adapt(_values: ArrayLike<string | number>): this {
    return this;
  }

  /** The bin of each value. */
  apply(values: ArrayLike<string | number>): Int32Array {
    const masked = this.maskValue !== null && this.numBins > 1;
    const bins = masked ? this.numBins - 1 : this.numBins;
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (masked && v === this.maskValue) continue;
      const text = typeof v === 'string' ? v : String(Math.trunc(v));
      const bin = this.salt === null ? farmHashBucket(text, bins) : sipHashBucket(text, bins, this.salt);
      out[i] = masked ? bin + 1 : bin;
    }
    return out;
  }

  /** The saved form. */
  toJSON(): HashingJSON {
    return { class: 'Hashing', numBins: this.numBins, salt: this.salt, maskValue: this.maskValue };
  }

  /** Rebuilds a layer saved with `toJSON()`. */
  static fromJSON(json: HashingJSON): Hashing {
    if (json?.class !== 'Hashing') throw new Error(`Hashing.fromJSON: expected class "Hashing", got ${JSON.stringify(json?.class)}`);
    return new Hashing(json);
  }
}
