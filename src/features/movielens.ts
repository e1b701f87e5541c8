/**
 * `MovieLensEncoder`: the bridge from a columnar `MovieLensDataset` to model inputs.
 *
 * It fits lookups, buckets and normalizers (on the training ratings, or on whole tables where the
 * seeds do so) and encodes ratings into `Columns` named after the TFDS `movie_lens` features. User and
 * movie features are encoded once per users/movies table row and then gathered by `ratings.user[i]` /
 * `ratings.movie[i]`, so no per-rating strings are built. `encodeUsers` / `encodeMovies` give one row
 * per table row (query and candidate features, e.g. for a top-K index). It saves to and loads from JSON.
 */
import type { MovieLensDataset } from '../data/schema.ts';
import { takeRows, type Columns } from './columns.ts';
import { createCodec, MOVIELENS_FEATURES, type CodecSettings, type FeatureCodec, type FeatureTable, type MovieLensFeature } from './movielens-features.ts';

export { availableFeatures, MOVIELENS_FEATURES, type MovieLensFeature } from './movielens-features.ts';

/** Which rows of a table fit the features of that table. */
export type FitOn = 'train' | 'all';

/** Options of a `MovieLensEncoder`. */
export interface MovieLensEncoderOptions extends Partial<CodecSettings> {
  /** The columns to produce, in this order. */
  features: MovieLensFeature[];
  /** User-table features fit on the users of the training ratings (default) or on every user. */
  fitUsers?: FitOn;
  /** Movie-table features fit on every movie (default: the seeds' vocabularies come from the movies table) or the training ones. */
  fitMovies?: FitOn;
  /** Timestamp buckets / normalization fit on the training ratings (default) or all ratings (the tutorial). */
  fitRatings?: FitOn;
}

/** The saved form of an encoder. */
export interface MovieLensEncoderJSON {
  format: 'maxella.MovieLensEncoder';
  version: 1;
  options: Required<MovieLensEncoderOptions>;
  state: Record<string, unknown>;
}

const FORMAT = 'maxella.MovieLensEncoder';

/** Encodes MovieLens ratings, users and movies into feature columns. */
export class MovieLensEncoder {
  readonly options: Required<MovieLensEncoderOptions>;
  private readonly codecs = new Map<MovieLensFeature, FeatureCodec>();
  private adapted = false;
  private tableCache = new WeakMap<MovieLensDataset, Partial<Record<FeatureTable, Columns>>>();

  constructor(opts: MovieLensEncoderOptions) {
    this.options = {
      features: [...opts.features],
      fitUsers: opts.fitUsers ?? 'train',
      fitMovies: opts.fitMovies ?? 'all',
      fitRatings: opts.fitRatings ?? 'train',
      timestampBins: opts.timestampBins ?? 1000,
      titleMaxTokens: opts.titleMaxTokens ?? 10_000,
      titleSequenceLength: opts.titleSequenceLength ?? null,
    };
    for (const f of this.options.features) {
      if (!(MOVIELENS_FEATURES as readonly string[]).includes(f)) throw new Error(`MovieLensEncoder: unknown feature ${JSON.stringify(f)}; known: ${MOVIELENS_FEATURES.join(', ')}`);
      if (this.codecs.has(f)) throw new Error(`MovieLensEncoder: feature "${f}" is listed twice`);
      this.codecs.set(f, createCodec(f, this.options));
    }
  }

  /** The features this encoder produces, in order. */
  get features(): MovieLensFeature[] {
    return [...this.options.features];
  }

  /** Fits every feature; `rows` are the training rating rows. */
  adapt(ds: MovieLensDataset, rows: Int32Array): this {
    const { fitUsers, fitMovies, fitRatings } = this.options;
    const fitRows: Record<FeatureTable, Int32Array> = {
      users: fitUsers === 'all' ? range(ds.users.length) : distinct(ds.ratings.user, rows, ds.users.length),
      movies: fitMovies === 'all' ? range(ds.movies.length) : distinct(ds.ratings.movie, rows, ds.movies.length),
      ratings: fitRatings === 'all' ? range(ds.ratings.length) : rows,
    };
    for (const codec of this.codecs.values()) codec.adapt(ds, fitRows[codec.table]);
    this.adapted = true;
    this.tableCache = new WeakMap();
    return this;
  }

  /** One row per rating in `rows` (default: all ratings), every feature this encoder has. */
  encode(ds: MovieLensDataset, rows?: Int32Array): Columns {
    const ratingRows = rows ?? range(ds.ratings.length);
    const parts: Columns[] = [
      takeRows(this.table(ds, 'users'), gather(ds.ratings.user, ratingRows)),
      takeRows(this.table(ds, 'movies'), gather(ds.ratings.movie, ratingRows)),
      this.encodeTable(ds, 'ratings', ratingRows),
    ];
    return this.ordered(ratingRows.length, parts);
  }

  /** One row per users-table row: the user (query) features. */
  encodeUsers(ds: MovieLensDataset): Columns {
    return this.table(ds, 'users');
  }

  /** One row per movies-table row: the movie (candidate) features. */
  encodeMovies(ds: MovieLensDataset): Columns {
    return this.table(ds, 'movies');
  }

  /** Distinct ids of an id-valued feature (the `inputDim` of its Embedding). */
  vocabularySize(feature: MovieLensFeature): number {
    const size = this.codec(feature).vocabularySize();
    if (size === null) throw new Error(`MovieLensEncoder: feature "${feature}" is real-valued; it has no vocabulary`);
    return size;
  }

  /** The saved form (options and every fitted layer). */
  toJSON(): MovieLensEncoderJSON {
    this.requireAdapted();
    const state: Record<string, unknown> = {};
    for (const [f, codec] of this.codecs) state[f] = codec.toJSON();
    return { format: FORMAT, version: 1, options: { ...this.options, features: this.features }, state };
  }

  /** Rebuilds an encoder saved with `toJSON()`. */
  static fromJSON(json: MovieLensEncoderJSON): MovieLensEncoder {
    if (json?.format !== FORMAT) throw new Error(`MovieLensEncoder.fromJSON: expected format "${FORMAT}", got ${JSON.stringify(json?.format)}`);
    if (json.version !== 1) throw new Error(`MovieLensEncoder.fromJSON: unsupported version ${json.version} (this build reads version 1)`);
    const encoder = new MovieLensEncoder(json.options);
    for (const [f, codec] of encoder.codecs) {
      if (!(f in json.state)) throw new Error(`MovieLensEncoder.fromJSON: no saved state for feature "${f}"`);
      codec.load(json.state[f]);
    }
    encoder.adapted = true;
    return encoder;
  }

  private codec(feature: MovieLensFeature): FeatureCodec {
    const codec = this.codecs.get(feature);
    if (!codec) throw new Error(`MovieLensEncoder: feature "${feature}" is not one of ${this.features.join(', ')}`);
    return codec;
  }

  /** The features of one table for every row of that table (cached per dataset). */
  private table(ds: MovieLensDataset, table: 'users' | 'movies'): Columns {
    const cached = this.tableCache.get(ds) ?? {};
    cached[table] ??= this.encodeTable(ds, table, range(ds[table].length));
    this.tableCache.set(ds, cached);
    return cached[table];
  }

  private encodeTable(ds: MovieLensDataset, table: FeatureTable, rows: Int32Array): Columns {
    this.requireAdapted();
    const features: Columns['features'] = {};
    for (const [f, codec] of this.codecs) if (codec.table === table) features[f] = codec.encode(ds, rows);
    return { length: rows.length, features };
  }

  /** Merges per-table column sets into one table in the configured feature order. */
  private ordered(length: number, parts: Columns[]): Columns {
    const features: Columns['features'] = {};
    for (const f of this.options.features) {
      const part = parts.find((p) => f in p.features)!;
      features[f] = part.features[f];
    }
    return { length, features };
  }

  private requireAdapted(): void {
    if (!this.adapted) throw new Error('MovieLensEncoder: call adapt(ds, trainRows) before encoding or saving');
  }
}

/** 0, 1, ..., n-1. */
function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** `column[rows[i]]` for each i. */
function gather(column: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]];
  return out;
}

/** The distinct values of `column[rows[i]]` (each in [0, n)), ascending. */
function distinct(column: Int32Array, rows: Int32Array, n: number): Int32Array {
  const seen = new Uint8Array(n);
  for (let i = 0; i < rows.length; i++) seen[column[rows[i]]] = 1;
  return range(n).filter((r) => seen[r] === 1);
}
