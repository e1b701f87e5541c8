/**
 * How each release's genre and occupation names map onto the TFDS `movie_lens` class labels, exactly as
 * tensorflow_datasets' movielens_parsing.py does it.
 */
import { TFDS_GENRES, TFDS_OCCUPATIONS } from '../schema.ts';

/** The 19 ML-100K genre flags in u.genre order (also the fallback when u.genre is absent). */
export const ML100K_GENRES = [
  'unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary', 'Drama',
  'Fantasy', 'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western',
] as const;

/** Release spellings that differ from the TFDS class names. */
const GENRE_ALIASES: Record<string, string> = { unknown: 'Unknown', "Children's": 'Children' };

/** The TFDS genre id of a release's genre name, or -1 when unknown. */
export function tfdsGenreId(name: string): number {
  const canonical = GENRE_ALIASES[name] ?? name;
  return (TFDS_GENRES as readonly string[]).indexOf(canonical);
}

/** The TFDS occupation id of a label name (throws on a name outside TFDS_OCCUPATIONS). */
function occupationId(label: string): number {
  const id = (TFDS_OCCUPATIONS as readonly string[]).indexOf(label);
  if (id < 0) throw new Error(`not a TFDS occupation label: ${label}`);
  return id;
}

/** ML-100K occupation names (u.occupation) → TFDS label names (TFDS merges some, as ML-1M does). */
export const ML100K_OCCUPATION_TO_TFDS: Readonly<Record<string, string>> = {
  administrator: 'clerical/admin',
  artist: 'artist',
  doctor: 'doctor/health care',
  educator: 'academic/educator',
  engineer: 'technician/engineer',
  entertainment: 'entertainment',
  executive: 'executive/managerial',
  healthcare: 'doctor/health care',
  homemaker: 'homemaker',
  lawyer: 'lawyer',
  librarian: 'librarian',
  marketing: 'sales/marketing',
  none: 'other/not specified',
  other: 'other/not specified',
  programmer: 'programmer',
  retired: 'retired',
  salesman: 'sales/marketing',
  scientist: 'scientist',
  student: 'student',
  technician: 'technician/engineer',
  writer: 'writer',
};

/** The TFDS occupation label id of an ML-100K occupation name, or -1 when unknown. */
export function ml100kOccupationLabel(name: string): number {
  const label = ML100K_OCCUPATION_TO_TFDS[name];
  return label === undefined ? -1 : occupationId(label);
}

/** ML-1M occupation codes 0-20 as TFDS spells them in `user_occupation_text` (the ML-1M README list). */
export const ML1M_OCCUPATIONS = [
  'other/not specified', 'academic/educator', 'artist', 'clerical/admin', 'college/grad student',
  'customer service', 'doctor/health care', 'executive/managerial', 'farmer', 'homemaker', 'K-12 student',
  'lawyer', 'programmer', 'retired', 'sales/marketing', 'scientist', 'self-employed', 'technician/engineer',
  'tradesman/craftsman', 'unemployed', 'writer',
] as const;

/** The TFDS label id of an ML-1M occupation code: TFDS merges "K-12 student" and "college/grad student" into "student". */
export function ml1mOccupationLabel(code: number): number {
  const text = ML1M_OCCUPATIONS[code];
  if (text === undefined) return -1;
  return occupationId(text === 'K-12 student' || text === 'college/grad student' ? 'student' : text);
}

/** The ML-1M age-group codes (also TFDS's `bucketized_user_age` values). */
export const ML1M_AGE_GROUPS = [1, 18, 25, 35, 45, 50, 56] as const;
