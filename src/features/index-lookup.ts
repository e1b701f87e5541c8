/**
 * The vocabulary core shared by `StringLookup` and `IntegerLookup` (Keras' `IndexLookup`, output mode
 * "int").
 *
 * Index layout as in Keras: `[mask token]` (only when `maskToken` is set), then `numOovIndices` OOV
 * slots, then the vocabulary. With the Keras defaults used across TFRS (`mask_token=None`,
 * `num_oov_indices=1`) OOV values map to 0 and vocabulary ids start at 1. `adapt()` sorts tokens by
 * count, most frequent first, ties broken by the token itself in descending order (Keras:
 * `np.lexsort((tokens, counts))[::-1]`), and keeps at most `maxTokens` entries *including* the mask
 * and OOV slots.
 */

/** Options of an index lookup, in Keras' names. */
export interface IndexLookupOptions<T> {
  /** A fixed vocabulary (then `adapt()` is not needed). May start with the special tokens. */
  vocabulary?: readonly T[];
  /** Cap on the vocabulary size, mask and OOV slots included; null = no cap. */
  maxTokens?: number | null;
  /** OOV slots; values are spread over them by a hash (strings) or modulo (integers). 0 = OOV is an error. */
  numOovIndices?: number;
  /** The value that maps to index 0 (padding), or null for none. */
  maskToken?: T | null;
  /** What `invert()` returns for an OOV index. */
  oovToken?: T;
}

/** The saved form of a lookup layer: its class name, options and learned vocabulary. */
export interface IndexLookupJSON<T> {
  class: string;
  maxTokens: number | null;
  numOovIndices: number;
  maskToken: T | null;
  oovToken: T;
  /** Learned tokens only (no special tokens), in index order. */
  tokens: T[];
}

/** A lookup from values to dense integer ids (see the module comment for the id layout). */
export abstract class IndexLookup<T extends string | number> {
  readonly maxTokens: number | null;
  readonly numOovIndices: number;
  readonly maskToken: T | null;
  readonly oovToken: T;
  private tokens: T[] = [];
  private ids = new Map<T, number>();

  protected constructor(opts: IndexLookupOptions<T>, defaultOovToken: T) {
    this.maxTokens = opts.maxTokens ?? null;
    this.numOovIndices = opts.numOovIndices ?? 1;
    this.maskToken = opts.maskToken ?? null;
    this.oovToken = opts.oovToken ?? defaultOovToken;
    if (!Number.isInteger(this.numOovIndices) || this.numOovIndices < 0) {
      throw new Error(`${this.constructor.name}: numOovIndices must be an integer >= 0, got ${this.numOovIndices}`);
    }
    if (this.maxTokens !== null && this.maxTokens <= this.tokenStart()) {
      throw new Error(`${this.constructor.name}: maxTokens (${this.maxTokens}) must exceed the ${this.tokenStart()} mask/OOV slots`);
    }
    if (opts.vocabulary) this.setVocabulary(opts.vocabulary);
  }

  /** The OOV slot (in [0, numOovIndices)) of a value that is not in the vocabulary. */
  protected abstract oovSlot(value: T): number;

  /** The index of the first OOV slot: 1 when there is a mask token, else 0. */
  oovStart(): number {
    return this.maskToken === null ? 0 : 1;
  }

  /** The index of the first vocabulary token. */
  tokenStart(): number {
    return this.oovStart() + this.numOovIndices;
  }

  /** Learns the vocabulary from `values`: most frequent first, ties by token descending (Keras order). */
  adapt(values: Iterable<T>): this {
    const counts = new Map<T, number>();
    for (const v of values) {
      if (v === this.maskToken || v === this.oovToken) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const sorted = [...counts.entries()].sort(([ta, ca], [tb, cb]) => cb - ca || (ta < tb ? 1 : ta > tb ? -1 : 0));
    const limit = this.maxTokens === null ? sorted.length : this.maxTokens - this.tokenStart();
    this.installTokens(sorted.slice(0, limit).map(([t]) => t));
    return this;
  }

  /** Sets a fixed vocabulary; leading special tokens (as `getVocabulary()` returns them) are accepted. */
  setVocabulary(vocabulary: readonly T[]): void {
    const special = this.specialTokens();
    const hasSpecial = special.length > 0 && special.every((t, i) => vocabulary[i] === t);
    const tokens = hasSpecial ? vocabulary.slice(special.length) : [...vocabulary];
    const seen = new Set<T>();
    for (const [i, t] of tokens.entries()) {
      if (seen.has(t)) throw new Error(`${this.constructor.name}: vocabulary repeats ${JSON.stringify(t)} (at token ${i})`);
      if (t === this.maskToken) throw new Error(`${this.constructor.name}: the mask token ${JSON.stringify(t)} is inside the vocabulary (at token ${i})`);
      seen.add(t);
    }
    if (this.maxTokens !== null && this.tokenStart() + tokens.length > this.maxTokens) {
      throw new Error(`${this.constructor.name}: vocabulary of ${this.tokenStart() + tokens.length} exceeds maxTokens ${this.maxTokens}`);
    }
    this.installTokens(tokens);
  }

  /** The full vocabulary by index: mask token, OOV tokens, then the learned tokens (Keras `get_vocabulary`). */
  getVocabulary(): T[] {
    return [...this.specialTokens(), ...this.tokens];
  }

  /** Number of ids this layer outputs (mask + OOV + tokens): the `inputDim` of an Embedding. */
  vocabularySize(): number {
    return this.tokenStart() + this.tokens.length;
  }

  /** The id of one value. */
  lookup(value: T): number {
    if (this.maskToken !== null && value === this.maskToken) return 0;
    const id = this.ids.get(value);
    if (id !== undefined) return id;
    if (this.numOovIndices === 0) {
      throw new Error(`${this.constructor.name}: ${JSON.stringify(value)} is not in the vocabulary and numOovIndices is 0`);
    }
    return this.oovStart() + (this.numOovIndices === 1 ? 0 : this.oovSlot(value));
  }

  /** The ids of `values`. */
  apply(values: ArrayLike<T>): Int32Array {
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = this.lookup(values[i]);
    return out;
  }

  /** Ids back to tokens (Keras `invert=True`): OOV and out-of-range ids give `oovToken`. */
  invert(ids: ArrayLike<number>): T[] {
    const vocab = this.getVocabulary();
    return Array.from(ids, (id) => (id >= this.oovStart() && id < this.tokenStart()) || id < 0 || id >= vocab.length ? this.oovToken : vocab[id]);
  }

  /** The saved form (see `IndexLookupJSON`). */
  toJSON(): IndexLookupJSON<T> {
    const { maxTokens, numOovIndices, maskToken, oovToken } = this;
    return { class: this.constructor.name, maxTokens, numOovIndices, maskToken, oovToken, tokens: [...this.tokens] };
  }

  /** Options that rebuild a layer from its saved form, after checking the class name. */
  protected static optionsFromJSON<T>(json: IndexLookupJSON<T>, className: string): IndexLookupOptions<T> {
    if (json?.class !== className) throw new Error(`${className}.fromJSON: expected class "${className}", got ${JSON.stringify(json?.class)}`);
    if (!Array.isArray(json.tokens)) throw new Error(`${className}.fromJSON: field "tokens" must be an array`);
    const { maxTokens, numOovIndices, maskToken, oovToken, tokens } = json;
    return { maxTokens, numOovIndices, maskToken, oovToken, vocabulary: tokens };
  }

  private specialTokens(): T[] {
    const mask = this.maskToken === null ? [] : [this.maskToken];
    return [...mask, ...new Array<T>(this.numOovIndices).fill(this.oovToken)];
  }

  private installTokens(tokens: T[]): void {
    this.tokens = tokens;
    const start = this.tokenStart();
    this.ids = new Map(tokens.map((t, i) => [t, start + i]));
  }
}
