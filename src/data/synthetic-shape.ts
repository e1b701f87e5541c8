/**
 * The shape of real MovieLens releases that the synthetic generator imitates: sizes, rating
 * distributions, periods, popularity curves, demographics and the vocabularies of each file format.
 */

/** The release formats the generator writes: 100K `u.*`, 1M `*.dat`, and the CSV releases. */
export const SYNTHETIC_FORMATS = ['100k', '1m', 'latest', '20m', '25m'] as const;

/** One of SYNTHETIC_FORMATS. */
export type SyntheticFormat = (typeof SYNTHETIC_FORMATS)[number];

/** Counts, period and curves of one real release. */
export interface ReleaseShape {
  ratings: number;
  users: number;
  /** Movies in the catalog (some may end up unrated, as in ML-1M: 3,706 rated of 3,883). */
  movies: number;
  /** First and last rating time, seconds since the epoch. */
  period: [number, number];
  /** Range of release years of the movies. */
  years: [number, number];
  /** Zipf-Mandelbrot popularity: weight of rank r is (r + q)^-s; fitted to the top movie's share and the median count. */
  zipf: { s: number; q: number };
  /** Rating values and their counts in the real release. */
  ratingValues: number[];
  ratingCounts: number[];
  /** Mean gap between consecutive movie ids (the CSV releases have sparse ids). */
  movieIdGap: number;
}

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000;
const WHOLE_STARS = [1, 2, 3, 4, 5];
const HALF_STARS = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];
/** ML-25M's rating counts (0.5 to 5 stars), also used for ML-20M and ml-latest. */
const ML25M_COUNTS = [393068, 776815, 399490, 1640868, 1262797, 4896928, 3177318, 6639798, 2200539, 3612474];

/** The real releases' shapes, one per format (`latest` is ml-latest-small). */
export const RELEASE_SHAPES: Record<SyntheticFormat, ReleaseShape> = {
  '100k': {
    ratings: 100_000, users: 943, movies: 1682, period: [day('1997-09-20'), day('1998-04-22')], years: [1922, 1998],
    zipf: { s: 1.4, q: 100 }, ratingValues: WHOLE_STARS, ratingCounts: [6110, 11370, 27145, 34174, 21201], movieIdGap: 1,
  },
  '1m': {
    ratings: 1_000_209, users: 6040, movies: 3883, period: [day('2000-04-25'), day('2003-02-28')], years: [1919, 2000],
    zipf: { s: 1.1, q: 100 }, ratingValues: WHOLE_STARS, ratingCounts: [56174, 107557, 261197, 348971, 226310], movieIdGap: 1.018,
  },
  latest: {
    ratings: 100_836, users: 610, movies: 9742, period: [day('1996-03-29'), day('2018-09-24')], years: [1902, 2018],
    zipf: { s: 1.2, q: 100 }, ratingValues: HALF_STARS, ratingCounts: ML25M_COUNTS, movieIdGap: 19.9,
  },
  '20m': {
    ratings: 20_000_263, users: 138_493, movies: 27_278, period: [day('1995-01-09'), day('2015-03-31')], years: [1891, 2015],
    zipf: { s: 2.2, q: 300 }, ratingValues: HALF_STARS, ratingCounts: ML25M_COUNTS, movieIdGap: 4.8,
  },
  '25m': {
    ratings: 25_000_095, users: 162_541, movies: 62_423, period: [day('1995-01-09'), day('2019-11-21')], years: [1874, 2019],
    zipf: { s: 2.05, q: 300 }, ratingValues: HALF_STARS, ratingCounts: ML25M_COUNTS, movieIdGap: 3.35,
  },
};

/** MovieLens keeps users with at least this many ratings. */
export const MIN_RATINGS_PER_USER = 20;

/** Share of male users (ML-1M: 4,331 of 6,040). */
export const MALE_SHARE = 0.717;

/** ML-100K genre names, in u.genre order (flag columns of u.item). */
export const GENRES_100K = ['unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary',
  'Drama', 'Fantasy', 'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western'];

/** The CSV releases' genre names ('(no genres listed)' is used for movies without genres). */
export const GENRES_CSV = ['Action', 'Adventure', 'Animation', 'Children', 'Comedy', 'Crime', 'Documentary', 'Drama',
  'Fantasy', 'Film-Noir', 'Horror', 'IMAX', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western'];

/** How often each genre occurs, aligned with GENRES_CSV (roughly ML-25M's counts, in thousands). */
export const GENRE_WEIGHTS = [7.3, 4.1, 2.9, 2.9, 16.9, 5.3, 5.6, 25.6, 2.7, 0.35, 5.9, 0.2, 1.1, 2.9, 7.7, 3.6, 8.7, 1.9, 1.4];

/** ML-100K occupations (u.occupation) and their counts in u.user. */
export const OCCUPATIONS_100K: Array<[string, number]> = [
  ['administrator', 79], ['artist', 28], ['doctor', 7], ['educator', 95], ['engineer', 67], ['entertainment', 18],
  ['executive', 32], ['healthcare', 16], ['homemaker', 7], ['lawyer', 12], ['librarian', 51], ['marketing', 26],
  ['none', 9], ['other', 105], ['programmer', 66], ['retired', 14], ['salesman', 12], ['scientist', 31],
  ['student', 196], ['technician', 27], ['writer', 45],
];

/** ML-1M occupation codes 0..20 and their counts in users.dat. */
export const OCCUPATION_CODE_COUNTS_1M = [711, 528, 267, 173, 759, 112, 236, 679, 17, 92, 195, 129, 388, 142, 302, 144, 241, 502, 70, 72, 281];

/** ML-1M age groups and their counts in users.dat. */
export const AGE_GROUPS_1M: Array<[number, number]> = [[1, 222], [18, 1103], [25, 2096], [35, 1193], [45, 550], [50, 496], [56, 380]];

/** Words for made-up titles; some carry accents (latin-1 compatible) to exercise the wrangling steps. */
export const TITLE_WORDS = ['Night', 'River', 'Story', 'Lost', 'City', 'Summer', 'Blue', 'Dream', 'Heart', 'Shadow',
  'King', 'Road', 'Star', 'Last', 'Secret', 'Wild', 'Love', 'War', 'Ghost', 'Island', 'Stranger', 'Golden', 'Dark',
  'Return', 'Silent', 'Broken', 'Winter', 'Fire', 'House', 'Garden', 'Game', 'Storm', 'Angel', 'Little', 'Big',
  'Café', 'Amélie', 'Señor', 'Niño', 'Über', 'Cité', 'Rêve', 'Mädchen', 'Façade', 'Noël', 'Jalapeño', 'Déjà'];

/** Trailing articles as MovieLens writes them ("Matrix, The (1999)"). */
export const TRAILING_ARTICLES = ['The', 'A', 'An', 'La', 'Le', 'Les', 'Il', 'Das'];

/** Free-text tags (tags.csv); some contain commas or quotes, which the CSV writer must quote. */
export const TAGS = ['funny', 'atmospheric', 'twist ending', 'based on a book', 'dark comedy', 'sci-fi', 'classic',
  'visually appealing', 'thought-provoking', 'Oscar (Best Picture)', 'boring', 'great soundtrack', 'slow, but good',
  'quirky', 'violence', 'BD-R', 'must see', '"cult" film', 'animation', 'romance'];
