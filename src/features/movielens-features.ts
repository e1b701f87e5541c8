/**
 * The MovieLens features an encoder can produce, each as a small codec that knows which table it
 * reads (users, movies or ratings), how to fit itself and how to encode rows of that table.
 * User and movie features are computed once per table row; `MovieLensEncoder` gathers them per rating.
 */
import { bucketizeAge, genreList, TFDS_GENRES, type MovieLensDataset } from '../data/schema.ts';
import { resizeRagged, type Column } from './columns.ts';
import { Discretization, type DiscretizationJSON } from './discretization.ts';
import type { IndexLookup, IndexLookupJSON } from './index-lookup.ts';
import { IntegerLookup } from './integer-lookup.ts';
import { Normalization, type NormalizationJSON } from './normalization.ts';
import { StringLookup } from './string-lookup.ts';
import { TextVectorization, type TextVectorizationJSON } from './text-vectorization.ts';

/** Feature names, after the TFDS `movie_lens` features they come from. */
export const MOVIELENS_FEATURES = [
  'user_id', 'movie_id', 'movie_title', 'user_rating', 'timestamp', 'timestamp_bucket', 'timestamp_normalized',
  'movie_title_tokens', 'movie_genres', 'bucketized_user_age', 'user_gender', 'user_occupation_label', 'user_zip_code',
  'director', 'star', 'release_year', 'release_date_bucket',
] as const;

/** One feature an encoder can produce. */
export type MovieLensFeature = (typeof MOVIELENS_FEATURES)[number];

/** The table a feature is a property of. */
export type FeatureTable = 'users' | 'movies' | 'ratings';

/** Settings the codecs share (resolved encoder options). */
export interface CodecSettings {
  /** Buckets of `timestamp_bucket` / `release_date_bucket` boundaries (the tutorial: 1,000). */
  timestampBins: number;
  /** `maxTokens` of the title TextVectorization (the tutorial: 10,000). */
  titleMaxTokens: number;
  /** Fixed title token width, or null for the longest title. */
  titleSequenceLength: number | null;
}

/** A fitted (or fittable) feature. */
export interface FeatureCodec {
  readonly table: FeatureTable;
  /** Fits on `rows` of its table (rating rows for rating features). */
  adapt(ds: MovieLensDataset, rows: Int32Array): void;
  /** The column for `rows` of its table. */
  encode(ds: MovieLensDataset, rows: Int32Array): Column;
  /** Distinct ids the column holds (an Embedding's `inputDim`), or null for real-valued features. */
  vocabularySize(): number | null;
  toJSON(): unknown;
  /** Restores the state saved by `toJSON()`. */
  load(json: unknown): void;
}

/** A column the dataset must have for `feature`, or a clear error. */
function need<T>(column: T | undefined, what: string, feature: MovieLensFeature, ds: MovieLensDataset): T {
  if (column === undefined) throw new Error(`feature "${feature}" needs ${what}, which dataset "${ds.name}" does not have`);
  return column;
}

/** Values of `rows` through `value`. */
function gatherValues<T>(rows: Int32Array, value: (row: number) => T): T[] {
  return Array.from(rows, (r) => value(r));
}

/**
 * A StringLookup / IntegerLookup over one value per table row. The vocabulary is the sorted unique
 * values of the fitted rows (as the seeds' `np.unique(...)` vocabularies); '' and NaN (unknown) are
 * left out, so they map to the OOV id 0.
 */
class LookupCodec<T extends string | number> implements FeatureCodec {
  constructor(
    readonly table: FeatureTable,
    private readonly value: (ds: MovieLensDataset) => (row: number) => T,
    private lookup: IndexLookup<T>,
    private readonly restore: (json: IndexLookupJSON<T>) => IndexLookup<T>,
  ) {}

  adapt(ds: MovieLensDataset, rows: Int32Array): void {
    const unique = [...new Set(gatherValues(rows, this.value(ds)))].filter((v) => v !== '' && !Number.isNaN(v));
    unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.lookup.setVocabulary(unique);
  }

  encode(ds: MovieLensDataset, rows: Int32Array): Column {
    return this.lookup.apply(gatherValues(rows, this.value(ds)));
  }

  vocabularySize(): number {
    return this.lookup.vocabularySize();
  }

  toJSON(): IndexLookupJSON<T> {
    return this.lookup.toJSON();
  }

  load(json: unknown): void {
    this.lookup = this.restore(json as IndexLookupJSON<T>);
  }
}

const stringLookup = (table: FeatureTable, value: (ds: MovieLensDataset) => (row: number) => string): FeatureCodec =>
  new LookupCodec(table, value, new StringLookup(), StringLookup.fromJSON);
const integerLookup = (table: FeatureTable, value: (ds: MovieLensDataset) => (row: number) => number): FeatureCodec =>
  new LookupCodec(table, value, new IntegerLookup(), IntegerLookup.fromJSON);

/** A real-valued rating column copied as Float32. */
class RawCodec implements FeatureCodec {
  readonly table = 'ratings';
  constructor(private readonly values: (ds: MovieLensDataset) => ArrayLike<number>) {}
  adapt(): void {}
  encode(ds: MovieLensDataset, rows: Int32Array): Column {
    const all = this.values(ds);
    return Float32Array.from(rows, (r) => all[r]);
  }
  vocabularySize(): null {
    return null;
  }
  toJSON(): null {
    return null;
  }
  load(): void {}
}

/** `np.linspace(min, max, n)` over the finite values. */
function linspace(values: Float64Array, n: number): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) if (Number.isFinite(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
  if (min > max) throw new Error('cannot place bucket boundaries: no finite values to fit on');
  const step = n > 1 ? (max - min) / (n - 1) : 0;
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? max : min + i * step));
}

/** Discretization with `bins` evenly spaced boundaries between the fitted min and max (the tutorial's timestamp buckets). */
class BucketCodec implements FeatureCodec {
  private layer: Discretization | null = null;
  constructor(
    readonly table: FeatureTable,
    private readonly values: (ds: MovieLensDataset, rows: Int32Array) => Float64Array,
    private readonly bins: number,
  ) {}
  adapt(ds: MovieLensDataset, rows: Int32Array): void {
    this.layer = new Discretization({ binBoundaries: linspace(this.values(ds, rows), this.bins) });
  }
  encode(ds: MovieLensDataset, rows: Int32Array): Column {
    return this.fitted().apply(this.values(ds, rows));
  }
  vocabularySize(): number {
    return this.fitted().outputSize;
  }
  toJSON(): DiscretizationJSON {
    return this.fitted().toJSON();
  }
  load(json: unknown): void {
    this.layer = Discretization.fromJSON(json as DiscretizationJSON);
  }
  private fitted(): Discretization {
    if (!this.layer) throw new Error('MovieLensEncoder: call adapt() before encoding');
    return this.layer;
  }
}

/** Normalization of the rating timestamps (Float32 output). */
class NormalizedTimestampCodec implements FeatureCodec {
  readonly table = 'ratings';
  private layer = new Normalization({ axis: null });
  adapt(ds: MovieLensDataset, rows: Int32Array): void {
    this.layer.adapt(timestampsAt(ds, rows));
  }
  encode(ds: MovieLensDataset, rows: Int32Array): Column {
    return this.layer.apply(timestampsAt(ds, rows));
  }
  vocabularySize(): null {
    return null;
  }
  toJSON(): NormalizationJSON {
    return this.layer.toJSON();
  }
  load(json: unknown): void {
    this.layer = Normalization.fromJSON(json as NormalizationJSON);
  }
}

/**
 * Title tokens: a TextVectorization adapted on the distinct titles of the fitted movies (as the
 * tutorial). The width is fixed at fit time (the longest fitted title, or `titleSequenceLength`), so
 * every encode, and a reloaded encoder, gives the same shape.
 */
class TitleTokensCodec implements FeatureCodec {
  readonly table = 'movies';
  private layer: TextVectorization;
  private width = 1;
  constructor(private readonly settings: CodecSettings) {
    this.layer = this.fresh();
  }
  adapt(ds: MovieLensDataset, rows: Int32Array): void {
    const titles = new Set(gatherValues(rows, (r) => ds.movies.title[r]));
    this.layer = this.fresh().adapt(titles);
    this.width = this.layer.apply([...titles]).width;
  }
  encode(ds: MovieLensDataset, rows: Int32Array): Column {
    return resizeRagged(this.layer.apply(gatherValues(rows, (r) => ds.movies.title[r])), this.width);
  }
  vocabularySize(): number {
    return this.layer.vocabularySize();
  }
  toJSON(): { width: number; layer: TextVectorizationJSON } {
    return { width: this.width, layer: this.layer.toJSON() };
  }
  load(json: unknown): void {
    const saved = json as { width: number; layer: TextVectorizationJSON };
    this.layer = TextVectorization.fromJSON(saved.layer);
    this.width = saved.width;
  }
  private fresh(): TextVectorization {
    return new TextVectorization({ maxTokens: this.settings.titleMaxTokens, outputSequenceLength: this.settings.titleSequenceLength });
  }
}

/** Genres as a Ragged column of TFDS genre index + 1 (0 = padding), width fixed at fit time. */
class GenresCodec implements FeatureCodec {
  readonly table = 'movies';
  private width = 1;
  adapt(ds: MovieLensDataset, rows: Int32Array): void {
    this.width = rows.reduce((w, r) => Math.max(w, genreList(ds.movies.genres[r]).length), 1);
  }
  encode(ds: MovieLensDataset, rows: Int32Array): Column {
    const values = new Int32Array(rows.length * this.width);
    rows.forEach((r, i) => genreList(ds.movies.genres[r]).slice(0, this.width).forEach((g, j) => (values[i * this.width + j] = g + 1)));
    return { width: this.width, values };
  }
  vocabularySize(): number {
    return TFDS_GENRES.length + 1;
  }
  toJSON(): { width: number } {
    return { width: this.width };
  }
  load(json: unknown): void {
    this.width = (json as { width: number }).width;
  }
}

function timestampsAt(ds: MovieLensDataset, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => ds.ratings.timestamp[r]);
}

function releaseDatesAt(ds: MovieLensDataset, rows: Int32Array): Float64Array {
  const dates = need(ds.enrichment, 'movie enrichment (release dates)', 'release_date_bucket', ds).releaseDate;
  return Float64Array.from(rows, (r) => dates[r]);
}

/** A per-row accessor over a column `pick` finds in the dataset (a clear error when it is absent). */
function perRow<C, T>(feature: MovieLensFeature, what: string, pick: (ds: MovieLensDataset) => C | undefined, value: (column: C, row: number) => T) {
  return (ds: MovieLensDataset) => {
    const column = need(pick(ds), what, feature, ds);
    return (row: number) => value(column, row);
  };
}

/** A new, unfitted codec for `feature`. */
export function createCodec(feature: MovieLensFeature, settings: CodecSettings): FeatureCodec {
  switch (feature) {
    case 'user_id':
      return stringLookup('users', (ds) => (r) => String(ds.users.id[r]));
    case 'user_zip_code':
      return stringLookup('users', perRow(feature, 'users.zipCode', (ds) => ds.users.zipCode, (zip, r) => zip[r]));
    case 'bucketized_user_age':
      return integerLookup('users', perRow(feature, 'users.age', (ds) => ds.users.age, (age, r) => bucketizeAge(age[r])));
    case 'user_gender':
      return integerLookup('users', perRow(feature, 'users.gender', (ds) => ds.users.gender, (gender, r) => gender[r]));
    case 'user_occupation_label':
      return integerLookup('users', perRow(feature, 'users.occupationLabel', (ds) => ds.users.occupationLabel, (label, r) => label[r]));
    case 'movie_id':
      return stringLookup('movies', (ds) => (r) => String(ds.movies.id[r]));
    case 'movie_title':
      return stringLookup('movies', (ds) => (r) => ds.movies.title[r]);
    case 'director':
    case 'star':
      return stringLookup('movies', perRow(feature, 'movie enrichment', (ds) => ds.enrichment, (e, r) => e[feature][r]));
    case 'release_year':
      return integerLookup('movies', perRow(feature, 'movie enrichment', (ds) => ds.enrichment, (e, r) => new Date(e.releaseDate[r]).getUTCFullYear()));
    case 'release_date_bucket':
      return new BucketCodec('movies', releaseDatesAt, settings.timestampBins);
    case 'movie_title_tokens':
      return new TitleTokensCodec(settings);
    case 'movie_genres':
      return new GenresCodec();
    case 'user_rating':
      return new RawCodec((ds) => ds.ratings.rating);
    case 'timestamp':
      return new RawCodec((ds) => ds.ratings.timestamp);
    case 'timestamp_bucket':
      return new BucketCodec('ratings', timestampsAt, settings.timestampBins);
    case 'timestamp_normalized':
      return new NormalizedTimestampCodec();
    default:
      throw new Error(`unknown MovieLens feature ${JSON.stringify(feature)}; known: ${MOVIELENS_FEATURES.join(', ')}`);
  }
}

/** The features `ds` has the columns for. */
export function availableFeatures(ds: MovieLensDataset): MovieLensFeature[] {
  const { users, enrichment } = ds;
  const missing = new Set<MovieLensFeature>();
  if (!users.zipCode) missing.add('user_zip_code');
  if (!users.age) missing.add('bucketized_user_age');
  if (!users.gender) missing.add('user_gender');
  if (!users.occupationLabel) missing.add('user_occupation_label');
  if (!enrichment) for (const f of ['director', 'star', 'release_year', 'release_date_bucket'] as const) missing.add(f);
  return MOVIELENS_FEATURES.filter((f) => !missing.has(f));
}
