/**
 * Reading one MovieLens release folder with the format readers a program has: `readMovieLens` (Node)
 * has all three; the in-memory and fetch readers (browsers) have ML-100K and ML-1M, which need no
 * CSV parser. Checks the files, the counts stated in u.info / README and the bad-row policy.
 */
import type { MovieLensDataset } from '../schema.ts';
import { BadRows, type BadRowPolicy } from './bad-rows.ts';
import { DataError } from './data-error.ts';
import { CSV_FILES, detectMovieLensFormat, REQUIRED_FILES, requireFiles, type MovieLensFormat } from './detect.ts';
import { baseName as basename, joinPath as join } from './files.ts';
import { ProgressTracker, type ProgressCallback } from './lines.ts';
import { checkStatedCounts, readStatedCounts, type CountedFiles } from './stated-counts.ts';

/** Reads a release of one format from its folder. */
export type ReleaseReader = (dir: string, name: string, progress: ProgressTracker, bad: BadRows) => Promise<MovieLensDataset>;

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

/** Reads the release in `dir` with the reader of its format (a DataError when `readers` has none). */
export async function readRelease(dir: string, opts: ReadMovieLensOptions, readers: Partial<Record<MovieLensFormat, ReleaseReader>>): Promise<MovieLensDataset> {
  const found = detectMovieLensFormat(dir);
  const { format } = found;
  const read = readers[format];
  if (!read) throw new DataError(found.dir, 0, `holds a ${format === 'csv' ? 'CSV (latest / 20M / 25M)' : format.toUpperCase()} release, which this reader does not read (it reads ${Object.keys(readers).join(', ')}); read it with readMovieLens in Node`);
  if (format === '1m') requireFilesExplaining1m(found.dir);
  else requireFiles(found.dir, format);
  const folderName = basename(found.dir);
  const name = opts.name ?? (folderName.startsWith('ml-') ? folderName : DEFAULT_NAMES[format]);
  const files = [...REQUIRED_FILES[format], ...OPTIONAL_FILES[format]].map((f) => join(found.dir, f));
  const progress = ProgressTracker.forFiles(files, opts.onProgress);
  const bad = new BadRows(opts.badRows ?? 'fail');
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

