/**
 * The seeds' data-wrangling steps (final report, section 4), each a named function: zip-code clean-up,
 * the occupation-label fix, genre lists, accent removal, year split and article fix in titles,
 * duplicate movies and invalid or duplicate ratings.
 */
import { genreList, TFDS_GENRES, TFDS_OCCUPATIONS, type MovieLensDataset, type Movies, type Users } from './schema.ts';
import { ratingProblem, type RatingScale } from './readers/ratings.ts';

// ---------------------------------------------------------------------------------------------- zip codes

/** A cleaned zip code: `zip5` is the 5-digit US code, or null for non-US / malformed codes (`raw` is kept). */
export interface CleanZipCode {
  raw: string;
  zip5: string | null;
  /** True for a 5-digit code or ZIP+4 ("12345-6789"). */
  isUs: boolean;
  /** True when a ZIP+4 suffix was dropped. */
  hadPlus4: boolean;
}

/**
 * The seeds' "fix any zip code longer than 5 characters": ZIP+4 "12345-6789" → "12345". Codes with
 * letters (Canadian "T8H1N") or another length are flagged non-US with a null `zip5`.
 */
export function cleanZipCode(raw: string): CleanZipCode {
  const text = raw.trim();
  const m = /^(\d{5})(?:-?(\d{4}))?$/.exec(text);
  if (!m) return { raw, zip5: null, isUs: false, hadPlus4: false };
  return { raw, zip5: m[1], isUs: true, hadPlus4: m[2] !== undefined };
}

/** The numeric value of a US zip code (as the seeds' `int(user_zip_code)`), or NaN for non-US codes. */
export function zipCodeNumber(raw: string): number {
  const { zip5 } = cleanZipCode(raw);
  return zip5 === null ? NaN : Number(zip5);
}

// ------------------------------------------------------------------------------------------- occupations

/** TFDS label 10 ('librarian'), which ML-1M never uses, and the seeds reuse for K-12 students. */
export const K12_STUDENT_LABEL = 10;

/**
 * The seeds' occupation-label fix. TFDS merges ML-1M's "K-12 student" and "college/grad student" into
 * label 17 ('student'), and no ML-1M user has label 10, so the seeds "assign '10' to 'K-12 student'" to tell
 * the two apart again. Returns a fixed copy of the label column and how many users changed; users whose
 * text is not 'K-12 student' keep their label. (Label 10 then no longer means 'librarian'; only apply this
 * to ML-1M-style data, where nobody is a librarian.)
 */
export function fixOccupationLabels(users: Users): { occupationLabel: Uint8Array; changed: number } {
  if (!users.occupationLabel || !users.occupationText) throw new Error('fixOccupationLabels needs occupationLabel and occupationText columns');
  const fixed = users.occupationLabel.slice();
  let changed = 0;
  for (let u = 0; u < users.length; u++) {
    if (users.occupationText[u] === 'K-12 student' && fixed[u] !== K12_STUDENT_LABEL) {
      fixed[u] = K12_STUDENT_LABEL;
      changed++;
    }
  }
  return { occupationLabel: fixed, changed };
}

/** The name of an occupation label (after `fixOccupationLabels`, 10 in ML-1M data means K-12 student). */
export function occupationName(label: number): string {
  return TFDS_OCCUPATIONS[label] ?? `unknown occupation ${label}`;
}

// ------------------------------------------------------------------------------------------------ genres

/** The TFDS genre names of a genre bit mask, e.g. ['Animation', 'Children', 'Comedy']. */
export function genreNames(mask: number): string[] {
  return genreList(mask).map((g) => TFDS_GENRES[g]);
}

/** The genre bit mask of TFDS genre names (unknown names throw). */
export function genreMask(names: readonly string[]): number {
  let mask = 0;
  for (const n of names) {
    const g = (TFDS_GENRES as readonly string[]).indexOf(n);
    if (g < 0) throw new Error(`unknown genre ${JSON.stringify(n)}`);
    mask |= 1 << g;
  }
  return mask >>> 0;
}

/** Every movie's genre list (the seeds turned the genre column into lists for easy access). */
export function movieGenreLists(movies: Movies): number[][] {
  return Array.from(movies.genres, (mask) => genreList(mask));
}

// ------------------------------------------------------------------------------------------------- names

/** Letters NFD does not decompose. */
const LIGATURES: Record<string, string> = { æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ß: 'ss', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', þ: 'th', Þ: 'Th', ı: 'i' };

/** Removes letter accents: "Cité des enfants perdus" → "Cite des enfants perdus", "Ærø" → "AEro". */
export function stripAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[æÆœŒøØßłŁđĐðþÞı]/g, (c) => LIGATURES[c]);
}

/**
 * The seeds' name clean-up for titles, cast and directors: accents removed, then every character other
 * than letters, digits, spaces and ' - . , : & ! ? ( ) removed, and spaces collapsed.
 */
export function cleanName(text: string): string {
  return stripAccents(text)
    .replace(/[‘’]/g, "'")
    .replace(/[^\p{L}\p{N} '\-.,:&!?()]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// ------------------------------------------------------------------------------------------------ titles

/** A MovieLens title split into its parts. */
export interface TitleParts {
  /** The main title, e.g. "Postino, Il". */
  title: string;
  /** Trailing parenthesised alternate titles, e.g. ["The Postman"] ("a.k.a." removed). */
  alternateTitles: string[];
  /** The release year, or null when the title has none. */
  year: number | null;
}

/** Splits "Postino, Il (The Postman) (1994)" into { title: "Postino, Il", alternateTitles: ["The Postman"], year: 1994 }. */
export function splitTitleYear(fullTitle: string): TitleParts {
  let rest = fullTitle.trim();
  let year: number | null = null;
  const y = /\s*\((\d{4})(?:[-–]\d{0,4})?\)$/.exec(rest);
  if (y) {
    year = Number(y[1]);
    rest = rest.slice(0, y.index).trim();
  }
  const alternateTitles: string[] = [];
  for (;;) {
    const m = /\s+\(([^()]+)\)$/.exec(rest);
    if (!m || m.index === 0) break;
    alternateTitles.unshift(m[1].replace(/^a\.k\.a\.\s*/i, '').trim());
    rest = rest.slice(0, m.index).trim();
  }
  return { title: rest, alternateTitles, year };
}

/** Articles that MovieLens moves to the end of a title ("Shawshank Redemption, The"). */
export const TRAILING_ARTICLES = [
  'The', 'A', 'An', 'Les', 'La', 'Le', "L'", 'Il', 'Lo', 'Gli', 'I', 'Das', 'Der', 'Die', 'Den', 'Det', 'De', 'Het',
  'El', 'Los', 'Las', 'Un', 'Una', 'Une', 'Ein', 'Eine', 'O', 'Os', 'As', 'En', 'Ett',
] as const;

const ARTICLE_AT_END = new RegExp(`^(.+), (${TRAILING_ARTICLES.map((a) => a.replace("'", "\\'")).join('|')})$`);

/** Moves a trailing article to the front of one bare title: "Shawshank Redemption, The" → "The Shawshank Redemption". */
function moveArticle(title: string): string {
  const m = ARTICLE_AT_END.exec(title);
  if (!m) return title;
  return m[2].endsWith("'") ? `${m[2]}${m[1]}` : `${m[2]} ${m[1]}`;
}

/** "Shawshank Redemption, The (1994)" → "The Shawshank Redemption (1994)"; alternate titles are fixed too. */
export function fixArticleTitle(fullTitle: string): string {
  const { title, alternateTitles, year } = splitTitleYear(fullTitle);
  const parts = [moveArticle(title), ...alternateTitles.map((t) => `(${moveArticle(t)})`)];
  if (year !== null) parts.push(`(${year})`);
  return parts.join(' ');
}

/** A comparison key for titles: article moved, accents and punctuation removed, lower case. */
export function normalizeTitle(title: string): string {
  return stripAccents(moveArticle(title.trim()))
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// ------------------------------------------------------------------------------------------- duplicates

/** Movies sharing a title under different ids. */
export interface DuplicateMovies {
  title: string;
  ids: number[];
  rows: number[];
}

/** The seeds' "duplicate movie_title with different movie_id" check (ML-100K has 18 such titles). */
export function findDuplicateMovies(movies: Movies): DuplicateMovies[] {
  const byTitle = new Map<string, number[]>();
  for (let m = 0; m < movies.length; m++) {
    const key = movies.title[m].trim();
    const rows = byTitle.get(key);
    if (rows) rows.push(m);
    else byTitle.set(key, [m]);
  }
  const out: DuplicateMovies[] = [];
  for (const [title, rows] of byTitle) if (rows.length > 1) out.push({ title, rows, ids: rows.map((r) => movies.id[r]) });
  return out;
}

/** What `validateRatings` found. */
export interface RatingsReport {
  ratings: number;
  invalid: number;
  /** Up to `maxExamples` invalid rows with the reason. */
  invalidExamples: { row: number; reason: string }[];
  /** Ratings beyond the first for the same (user, movie) pair. */
  duplicatePairs: number;
  duplicateExamples: { userId: number; movieId: number; rows: number[] }[];
}

/**
 * Reports invalid rows (rating off the release's scale or NaN, bad timestamp, user or movie row out of
 * range) and duplicate (user, movie) pairs.
 */
export function validateRatings(ds: MovieLensDataset, opts: { scale?: RatingScale; maxExamples?: number } = {}): RatingsReport {
  const { ratings, users, movies } = ds;
  const scale = opts.scale ?? (/100k|1m/.test(ds.name) ? 'whole' : 'half');
  const maxExamples = opts.maxExamples ?? 10;
  const report: RatingsReport = { ratings: ratings.length, invalid: 0, invalidExamples: [], duplicatePairs: 0, duplicateExamples: [] };
  const invalid = (row: number, reason: string): void => {
    report.invalid++;
    if (report.invalidExamples.length < maxExamples) report.invalidExamples.push({ row, reason });
  };
  for (let i = 0; i < ratings.length; i++) {
    const u = ratings.user[i];
    const m = ratings.movie[i];
    if (u < 0 || u >= users.length) invalid(i, `user row ${u} out of range`);
    else if (m < 0 || m >= movies.length) invalid(i, `movie row ${m} out of range`);
    else {
      const problem = ratingProblem(ratings.rating[i], scale);
      if (problem) invalid(i, problem);
      else if (!(ratings.timestamp[i] >= 0)) invalid(i, `timestamp ${ratings.timestamp[i]} is invalid`);
    }
  }
  // Duplicates: sort the (user, movie) keys natively, count equal neighbours, then find example rows.
  const keys = new Float64Array(ratings.length);
  for (let i = 0; i < ratings.length; i++) keys[i] = ratings.user[i] * movies.length + ratings.movie[i];
  const sorted = keys.slice().sort();
  const exampleKeys = new Set<number>();
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k] !== sorted[k - 1]) continue;
    report.duplicatePairs++;
    if (exampleKeys.size < maxExamples) exampleKeys.add(sorted[k]);
  }
  const exampleRows = new Map<number, number[]>([...exampleKeys].map((key) => [key, []]));
  if (exampleRows.size > 0) for (let i = 0; i < keys.length; i++) exampleRows.get(keys[i])?.push(i);
  for (const rows of exampleRows.values()) {
    const row = rows[0];
    report.duplicateExamples.push({ userId: users.id[ratings.user[row]], movieId: movies.id[ratings.movie[row]], rows });
  }
  return report;
}
