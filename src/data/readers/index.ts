/**
 * Reading MovieLens releases from a folder into Maxella's columnar dataset.
 *
 * `readMovieLens(dir)` detects the format (ML-100K `u.*`, ML-1M `*.dat`, latest / 20M / 25M `*.csv`),
 * streams the files and maps genres and occupations to the TFDS `movie_lens` labels. Bad input throws a
 * `DataError` naming the file, the line and what was wrong.
 */
import type { MovieLensDataset, Movies, Users } from '../schema.ts';
import { DataError } from './data-error.ts';
import { detectMovieLensFormat } from './detect.ts';
import { readMl100k, readMl100kMovies, readMl100kUsers } from './ml-100k.ts';
import { readMl1m, readMl1mMovies, readMl1mUsers } from './ml-1m.ts';
import { readCsvMovies, readMlCsv } from './ml-csv.ts';
import { readRelease, type ReadMovieLensOptions } from './release.ts';

export { DataError } from './data-error.ts';
export { BAD_ROW_POLICIES, describeDropped, type BadRowPolicy, type DroppedRows } from './bad-rows.ts';
export { detectMovieLensFormat, type MovieLensFormat } from './detect.ts';
export type { ProgressCallback } from './lines.ts';
export { ML100K_GENRES, ML100K_OCCUPATION_TO_TFDS, ML1M_AGE_GROUPS, ML1M_OCCUPATIONS, ml100kOccupationLabel, ml1mOccupationLabel, tfdsGenreId } from './vocabularies.ts';
export { parseMl100kDate } from './ml-100k.ts';
export type { ReadMovieLensOptions } from './release.ts';
export { fetchMovieLens, readMovieLensFiles, type FetchMovieLensOptions } from './in-memory.ts';
export type { FileContents } from './files.ts';

/** Reads the MovieLens release in `dir` (any format) into columns. */
export function readMovieLens(dir: string, opts: ReadMovieLensOptions = {}): Promise<MovieLensDataset> {
  return readRelease(dir, opts, { '100k': readMl100k, '1m': readMl1m, csv: readMlCsv });
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
