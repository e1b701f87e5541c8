/** Recognises which MovieLens release format a folder holds. */
import { DataError } from './data-error.ts';
import { joinPath as join, listFolder, pathExists as existsSync, pathInfo } from './files.ts';
import { ML100K_FILES } from './ml-100k.ts';
import { ML1M_FILES } from './ml-1m.ts';

/** The files of an ML-latest / 20M / 25M folder. */
export const CSV_FILES = { ratings: 'ratings.csv', movies: 'movies.csv', tags: 'tags.csv', links: 'links.csv' } as const;

/** '100k' (u.* files), '1m' (*.dat) or 'csv' (latest, latest-small, 20M, 25M). */
export type MovieLensFormat = '100k' | '1m' | 'csv';

/** The files each format needs (ratings first). */
export const REQUIRED_FILES: Record<MovieLensFormat, readonly string[]> = {
  '100k': [ML100K_FILES.ratings, ML100K_FILES.movies, ML100K_FILES.users],
  '1m': [ML1M_FILES.ratings, ML1M_FILES.movies, ML1M_FILES.users],
  csv: [CSV_FILES.ratings, CSV_FILES.movies],
};

const EXPECTATION =
  'expected an ML-100K folder (u.data, u.item, u.user), an ML-1M folder (ratings.dat, movies.dat, users.dat) ' +
  'or an ML-latest / 20M / 25M folder (ratings.csv, movies.csv)';

/** The format of `dir` and the folder that holds the files (a lone `ml-*` subfolder, as in a zip, is entered). */
export function detectMovieLensFormat(dir: string): { format: MovieLensFormat; dir: string } {
  if (!existsSync(dir)) throw new DataError(dir, 0, `does not exist; ${EXPECTATION}`);
  if (pathInfo(dir)?.kind !== 'folder') throw new DataError(dir, 0, `is not a folder; ${EXPECTATION}`);
  const entries = listFolder(dir);
  const has = (f: string): boolean => entries.includes(f);
  for (const format of ['100k', '1m', 'csv'] as const) {
    if (REQUIRED_FILES[format].some(has)) return { format, dir };
  }
  const sub = entries.filter((e) => e.startsWith('ml-') && pathInfo(join(dir, e))?.kind === 'folder');
  if (sub.length === 1) return detectMovieLensFormat(join(dir, sub[0]));
  const found = entries.length === 0 ? 'it is empty' : `found ${entries.slice(0, 8).join(', ')}${entries.length > 8 ? ', ...' : ''}`;
  throw new DataError(dir, 0, `is not a MovieLens folder: ${EXPECTATION}; ${found}`);
}

/** Throws a DataError naming every file of `format` missing from `dir`, except those in `optional`. */
export function requireFiles(dir: string, format: MovieLensFormat, optional: readonly string[] = []): void {
  const missing = REQUIRED_FILES[format].filter((f) => !optional.includes(f) && !existsSync(join(dir, f)));
  if (missing.length > 0) {
    throw new DataError(dir, 0, `looks like MovieLens ${format === 'csv' ? 'CSV' : format.toUpperCase()} but lacks ${missing.join(', ')} (needs ${REQUIRED_FILES[format].join(', ')})`);
  }
}
