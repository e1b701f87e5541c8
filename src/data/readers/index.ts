/**
 * Reading MovieLens releases from a folder into Maxella's columnar dataset.
 *
 * `readMovieLens(dir)` detects the format (ML-100K `u.*`, ML-1M `*.dat`, latest / 20M / 25M `*.csv`),
 * streams the files and maps genres and occupations to the TFDS `movie_lens` labels. Bad input throws a
 * `DataError` naming the file, the line and what was wrong.
 */
import { basename, join } from 'node:path';
import type { MovieLensDataset, Movies, Users } from '../schema.ts';
import { BadRows, type BadRowPolicy } from './bad-rows.ts';
import { DataError } from './data-error.ts';
import { detectMovieLensFormat, REQUIRED_FILES, requireFiles, type MovieLensFormat } from './detect.ts';
import { ProgressTracker, type ProgressCallback } from './lines.ts';
import { readMl100k, readMl100kMovies, readMl100kUsers } from './ml-100k.ts';
import { readMl1m, readMl1mMovies, readMl1mUsers } from './ml-1m.ts';
import { CSV_FILES, readCsvMovies, readMlCsv } from './ml-csv.ts';
import { checkStatedCounts, readStatedCounts, type CountedFiles } from './stated-counts.ts';

export { DataError } from './data-error.ts';
export { BAD_ROW_POLICIES, describeDropped, type BadRowPolicy, type DroppedRows } from './bad-rows.ts';
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
  /**
   * `'fail'` (default): the first bad row (or a count that disagrees with u.info / README) is a DataError
   * naming file and line. `'drop'`: bad rows are skipped and counted in `dataset.dropped`.
   */
  badRows?: BadRowPolicy;
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
  const bad = new BadRows(opts.badRows ?? 'fail');
  const read = format === '100k' ? readMl100k : format === '1m' ? readMl1m : readMlCsv;
  const ds = await read(found.dir, name, progress, bad);
  const stated = readStatedCounts(found.dir, format);
  if (stated) checkStatedCounts(ds, stated, countedFiles(found.dir, format), bad);
  const dropped = bad.summary();
  if (dropped) ds.dropped = dropped;
  return ds;
}

/** The file each stated count is about (CSV users come from ratings.csv). */
function countedFiles(dir: string, format: MovieLensFormat): CountedFiles {
  const [ratings, movies, users] = REQUIRED_FILES[format].map((f) => join(dir, f));
  return format === 'csv' ? { ratings, movies, users: ratings, tags: join(dir, CSV_FILES.tags) } : { ratings, movies, users };
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
