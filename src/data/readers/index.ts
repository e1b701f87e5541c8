/**
 * Reading MovieLens releases from a folder into Maxella's columnar dataset.
 *
 * `readMovieLens(dir)` detects the format (ML-100K `u.*`, ML-1M `*.dat`, latest / 20M / 25M `*.csv`),
 * streams the files and maps genres and occupations to the TFDS `movie_lens` labels. Bad input throws a
 * `DataError` naming the file, the line and what was wrong.
 */
import { basename, join } from 'node:path';
import type { MovieLensDataset, Movies, Users } from '../schema.ts';
import { DataError } from './data-error.ts';
import { detectMovieLensFormat, REQUIRED_FILES, requireFiles, type MovieLensFormat } from './detect.ts';
import { ProgressTracker, type ProgressCallback } from './lines.ts';
import { readMl100k, readMl100kMovies, readMl100kUsers } from './ml-100k.ts';
import { readMl1m, readMl1mMovies, readMl1mUsers } from './ml-1m.ts';
import { CSV_FILES, readCsvMovies, readMlCsv } from './ml-csv.ts';

export { DataError } from './data-error.ts';
export { detectMovieLensFormat, type MovieLensFormat } from './detect.ts';
export type { ProgressCallback } from './lines.ts';
export { ML100K_GENRES, ML100K_OCCUPATION_TO_TFDS, ML1M_AGE_GROUPS, ML1M_OCCUPATIONS, ml100kOccupationLabel, ml1mOccupationLabel, tfdsGenreId } from './vocabularies.ts';
export { parseMl100kDate } from './ml-100k.ts';

/** Options of `readMovieLens`. */
export interface ReadMovieLensOptions {
  /** Dataset name; defaults to the folder name when it starts with "ml-", else the format's usual name. */
  name?: string;
  /** Called as bytes are read, with the total size of the files to read. */
  onProgress?: ProgressCallback;
}

const DEFAULT_NAMES: Record<MovieLensFormat, string> = { '100k': 'ml-100k', '1m': 'ml-1m', csv: 'ml-latest' };

const OPTIONAL_FILES: Record<MovieLensFormat, string[]> = {
  '100k': ['u.genre', 'u.occupation'],
  '1m': [],
  csv: [CSV_FILES.tags, CSV_FILES.links],
};

/** Reads the MovieLens release in `dir` (any format) into columns. */
export async function readMovieLens(dir: string, opts: ReadMovieLensOptions = {}): Promise<MovieLensDataset> {
  const found = detectMovieLensFormat(dir);
  const { format } = found;
  if (format === '1m') requireFilesExplaining1m(found.dir);
  else requireFiles(found.dir, format);
  const folderName = basename(found.dir);
  const name = opts.name ?? (folderName.startsWith('ml-') ? folderName : DEFAULT_NAMES[format]);
  const files = [...REQUIRED_FILES[format], ...OPTIONAL_FILES[format]].map((f) => join(found.dir, f));
  const progress = ProgressTracker.forFiles(files, opts.onProgress);
  if (format === '100k') return readMl100k(found.dir, name, progress);
  if (format === '1m') return readMl1m(found.dir, name, progress);
  return readMlCsv(found.dir, name, progress);
}

/** ML-1M copies without ratings.dat are common (its licence): say what can still be read. */
function requireFilesExplaining1m(dir: string): void {
  requireFiles(dir, '1m', ['ratings.dat']);
  try {
    requireFiles(dir, '1m');
  } catch (error) {
    const e = error as DataError;
    throw new DataError(e.file, 0, `${e.reason}; readMovieLensMovies / readMovieLensUsers can still read movies.dat and users.dat`);
  }
}

/** Reads only the movies of the release in `dir` (works without a ratings file). */
export async function readMovieLensMovies(dir: string): Promise<Movies> {
  const found = detectMovieLensFormat(dir);
  if (found.format === '100k') return readMl100kMovies(found.dir);
  if (found.format === '1m') return readMl1mMovies(found.dir);
  return readCsvMovies(found.dir);
}

/** Reads only the users of the release in `dir`; CSV releases have no users file, so this throws for them. */
export async function readMovieLensUsers(dir: string): Promise<Users> {
  const found = detectMovieLensFormat(dir);
  if (found.format === '100k') return readMl100kUsers(found.dir);
  if (found.format === '1m') return readMl1mUsers(found.dir);
  throw new DataError(found.dir, 0, 'is a CSV release (latest / 20M / 25M), which has no users file: users come from ratings.csv, read it with readMovieLens');
}
