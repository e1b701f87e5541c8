/**
 * The MovieLens data model of Maxella.
 *
 * In memory a dataset is columnar: ratings are parallel typed arrays (no object per row), users and
 * movies are small tables indexed by a dense row number. `toExample` turns one rating into the TFDS
 * `movie_lens` feature dictionary the seeds (and TFRS tutorials) use.
 */

/** The 21 TFDS `movie_lens` genre class names; `movie_genres` holds indices into this list. */
import type { DroppedRows } from './readers/bad-rows.ts';

export const TFDS_GENRES = [
  'Action', 'Adventure', 'Animation', 'Children', 'Comedy', 'Crime', 'Documentary', 'Drama',
  'Fantasy', 'Film-Noir', 'Horror', 'IMAX', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller',
  'Unknown', 'War', 'Western', '(no genres listed)',
] as const;

/** The 22 TFDS `user_occupation_label` class names. */
export const TFDS_OCCUPATIONS = [
  'academic/educator', 'artist', 'clerical/admin', 'customer service', 'doctor/health care',
  'entertainment', 'executive/managerial', 'farmer', 'homemaker', 'lawyer', 'librarian',
  'other/not specified', 'programmer', 'retired', 'sales/marketing', 'scientist', 'self-employed',
  'student', 'technician/engineer', 'tradesman/craftsman', 'unemployed', 'writer',
] as const;

/** Ratings as parallel columns. `user[i]` / `movie[i]` are row numbers into `Users` / `Movies`. */
export interface Ratings {
  length: number;
  user: Int32Array;
  movie: Int32Array;
  rating: Float32Array;
  /** Seconds since the Unix epoch. */
  timestamp: Float64Array;
}

/** Users; demographic columns are absent for releases without `users` files (20M, 25M, latest). */
export interface Users {
  length: number;
  /** The MovieLens user id. */
  id: Int32Array;
  /** Raw age in years (ML-100K) or the ML-1M age-group code (1, 18, 25, 35, 45, 50, 56). */
  age?: Int16Array;
  /** True when `age` holds ML-1M age-group codes rather than years (TFDS then has no `raw_user_age`). */
  ageIsGroup?: boolean;
  /** 0 = male, 1 = female (TFDS `user_gender` is true for male). */
  gender?: Uint8Array;
  /** Index into TFDS_OCCUPATIONS. */
  occupationLabel?: Uint8Array;
  /** The occupation as the release spells it. */
  occupationText?: string[];
  zipCode?: string[];
}

/** Movies. `genres` is a bit mask over TFDS_GENRES (bit g set = genre g). */
export interface Movies {
  length: number;
  id: Int32Array;
  /** Title as released, e.g. "Toy Story (1995)". */
  title: string[];
  genres: Uint32Array;
  /** Release date (ML-100K u.item) as milliseconds since the epoch; NaN when unknown. */
  releaseDate?: Float64Array;
  /** IMDb id from links.csv (the number in "tt0114709"); 0 when unknown. */
  imdbId?: Int32Array;
  /** TMDB id from links.csv; 0 when unknown. */
  tmdbId?: Int32Array;
}

/** Free-text tags (tags.csv). Tag strings are stored once in `vocabulary`; `tag[i]` indexes it. */
export interface Tags {
  length: number;
  /** The MovieLens user id (tagging users need not have rated anything). */
  userId: Int32Array;
  /** Row number into `Movies`. */
  movie: Int32Array;
  tag: Int32Array;
  vocabulary: string[];
  /** Seconds since the Unix epoch. */
  timestamp: Float64Array;
}

/** A loaded MovieLens release. */
export interface MovieLensDataset {
  /** e.g. "ml-100k", "ml-1m", "ml-25m", "synthetic". */
  name: string;
  ratings: Ratings;
  users: Users;
  movies: Movies;
  /** Tags, for releases with tags.csv. */
  tags?: Tags;
  /** Director, cast, release date, ... when an enrichment source was joined. */
  enrichment?: MovieEnrichment;
  /** What a read with `badRows: 'drop'` left out (absent when nothing was). */
  dropped?: DroppedRows;
}

/** One rating in the TFDS `movie_lens` feature schema (fields a release lacks are omitted). */
export interface MovieLensExample {
  user_id: string;
  movie_id: string;
  movie_title: string;
  movie_genres: number[];
  user_rating: number;
  timestamp: number;
  bucketized_user_age?: number;
  raw_user_age?: number;
  user_gender?: boolean;
  user_occupation_label?: number;
  user_occupation_text?: string;
  user_zip_code?: string;
}

/** Genre indices set in a bit mask. */
export function genreList(mask: number): number[] {
  const out: number[] = [];
  for (let g = 0; g < TFDS_GENRES.length; g++) if (mask & (1 << g)) out.push(g);
  return out;
}

/** TFDS's age buckets (the ML-1M groups): 1, 18, 25, 35, 45, 50, 56. */
export function bucketizeAge(age: number): number {
  if (age < 18) return 1;
  if (age < 25) return 18;
  if (age < 35) return 25;
  if (age < 45) return 35;
  if (age < 50) return 45;
  if (age < 56) return 50;
  return 56;
}

/** The TFDS feature dictionary of rating `i`. */
export function toExample(ds: MovieLensDataset, i: number): MovieLensExample {
  const { ratings, users, movies } = ds;
  const u = ratings.user[i];
  const m = ratings.movie[i];
  const ex: MovieLensExample = {
    user_id: String(users.id[u]),
    movie_id: String(movies.id[m]),
    movie_title: movies.title[m],
    movie_genres: genreList(movies.genres[m]),
    user_rating: ratings.rating[i],
    timestamp: ratings.timestamp[i],
  };
  if (users.age) {
    if (!users.ageIsGroup) ex.raw_user_age = users.age[u];
    ex.bucketized_user_age = bucketizeAge(users.age[u]);
  }
  if (users.gender) ex.user_gender = users.gender[u] === 0;
  if (users.occupationLabel) ex.user_occupation_label = users.occupationLabel[u];
  if (users.occupationText) ex.user_occupation_text = users.occupationText[u];
  if (users.zipCode) ex.user_zip_code = users.zipCode[u];
  return ex;
}

/**
 * Per-movie metadata joined from an enrichment source (movies_extrainfos.dat, or TMDB-style
 * movies_metadata.csv + credits.csv + links.csv). Every column is aligned with `Movies` rows;
 * `matched[m]` is 0 where no metadata was found for movie row m (strings are then '').
 */
export interface MovieEnrichment {
  matched: Uint8Array;
  director: string[];
  /** First-billed actor (the seeds' `star`). */
  star: string[];
  cast: string[][];
  castSize: Int32Array;
  crewSize: Int32Array;
  writers: string[][];
  /** Release date as milliseconds since the epoch; NaN when unknown. */
  releaseDate: Float64Array;
  mpaa: string[];
  plot: string[];
  posterUrl: string[];
}
