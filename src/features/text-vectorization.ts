/**
 * `TextVectorization` (output mode "int"), Keras semantics: standardize (ASCII lower-casing as
 * `tf.strings.lower`, and Keras' punctuation set stripped), split (whitespace runs or characters),
 * optional n-grams (all 1-grams, then 2-grams, ... joined by a space, as `tf.strings.ngrams`), then a
 * vocabulary where id 0 is padding (''), 1 is OOV ('[UNK]') and tokens follow by frequency.
 * Output is a `Ragged` column padded with 0 to the longest text, or cut/padded to
 * `outputSequenceLength`.
 */
import type { Ragged } from './columns.ts';
import type { IndexLookupJSON } from './index-lookup.ts';
import { StringLookup } from './string-lookup.ts';

/** Keras' `DEFAULT_STRIP_REGEX`. */
const PUNCTUATION = /[!"#$%&()*+,\-./:;<=>?@[\\\]^_`{|}~']/g;
const WHITESPACE = /[ \t\n\v\f\r]+/;

/** Standardization modes (Keras names). */
export type Standardize = 'lower_and_strip_punctuation' | 'lower' | 'strip_punctuation' | null;
/** Split modes (Keras names). */
export type Split = 'whitespace' | 'character' | null;

/** Options of `TextVectorization`, in Keras' names. */
export interface TextVectorizationOptions {
  /** Vocabulary cap including the padding and OOV ids. */
  maxTokens?: number | null;
  standardize?: Standardize;
  split?: Split;
  /** n: all n-grams of width 1..n; a list: exactly those widths. */
  ngrams?: number | readonly number[] | null;
  outputMode?: 'int';
  outputSequenceLength?: number | null;
  vocabulary?: readonly string[];
}

/** The saved form of a `TextVectorization` layer. */
export interface TextVectorizationJSON {
  class: 'TextVectorization';
  standardize: Standardize;
  split: Split;
  ngrams: number[] | null;
  outputSequenceLength: number | null;
  lookup: IndexLookupJSON<string>;
}

/** Turns texts into padded sequences of token ids. */
export class TextVectorization {
  readonly standardize: Standardize;
  readonly split: Split;
  readonly ngrams: number[] | null;
  readonly outputSequenceLength: number | null;
  private readonly lookup: StringLookup;

  constructor(opts: TextVectorizationOptions = {}, lookup?: StringLookup) {
    if (opts.outputMode !== undefined && opts.outputMode !== 'int') throw new Error(`TextVectorization: only outputMode "int" is supported, got ${JSON.stringify(opts.outputMode)}`);
    this.standardize = opts.standardize === undefined ? 'lower_and_strip_punctuation' : opts.standardize;
    this.split = opts.split === undefined ? 'whitespace' : opts.split;
    const n = opts.ngrams ?? null;
    this.ngrams = n === null ? null : typeof n === 'number' ? Array.from({ length: n }, (_, i) => i + 1) : [...n];
    this.outputSequenceLength = opts.outputSequenceLength ?? null;
    this.lookup = lookup ?? new StringLookup({ maxTokens: opts.maxTokens, maskToken: '', oovToken: '[UNK]', vocabulary: opts.vocabulary });
  }

  /** The tokens of one text after standardize, split and n-grams. */
  tokenize(text: string): string[] {
    let s = text;
    if (this.standardize === 'lower' || this.standardize === 'lower_and_strip_punctuation') s = s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
    if (this.standardize === 'strip_punctuation' || this.standardize === 'lower_and_strip_punctuation') s = s.replace(PUNCTUATION, '');
    const tokens = this.split === 'whitespace' ? s.split(WHITESPACE).filter((t) => t !== '') : this.split === 'character' ? [...s] : [s];
    if (!this.ngrams) return tokens;
    const out: string[] = [];
    for (const width of this.ngrams) {
      for (let i = 0; i + width <= tokens.length; i++) out.push(tokens.slice(i, i + width).join(' '));
    }
    return out;
  }

  /** Learns the vocabulary from `texts`. */
  adapt(texts: Iterable<string>): this {
    this.lookup.adapt(Array.from(texts, (t) => this.tokenize(t)).flat());
    return this;
  }

  /** The vocabulary by id: '', '[UNK]', then tokens. */
  getVocabulary(): string[] {
    return this.lookup.getVocabulary();
  }

  /** Number of ids (padding + OOV + tokens): the `inputDim` of an Embedding. */
  vocabularySize(): number {
    return this.lookup.vocabularySize();
  }

  /** Token ids of each text, one row per text, padded with 0. */
  apply(texts: ArrayLike<string>): Ragged {
    const rows = Array.from(texts, (t) => this.lookup.apply(this.tokenize(t)));
    const width = this.outputSequenceLength ?? rows.reduce((w, r) => Math.max(w, r.length), 1);
    const values = new Int32Array(rows.length * width);
    rows.forEach((r, i) => values.set(r.length > width ? r.subarray(0, width) : r, i * width));
    return { width, values };
  }

  /** The saved form. */
  toJSON(): TextVectorizationJSON {
    const { standardize, split, ngrams, outputSequenceLength } = this;
    return { class: 'TextVectorization', standardize, split, ngrams, outputSequenceLength, lookup: this.lookup.toJSON() };
  }

  /** Rebuilds a layer saved with `toJSON()`. */
  static fromJSON(json: TextVectorizationJSON): TextVectorization {
    if (json?.class !== 'TextVectorization') throw new Error(`TextVectorization.fromJSON: expected class "TextVectorization", got ${JSON.stringify(json?.class)}`);
    const { standardize, split, ngrams, outputSequenceLength } = json;
    return new TextVectorization({ standardize, split, ngrams, outputSequenceLength }, StringLookup.fromJSON(json.lookup));
  }
}
