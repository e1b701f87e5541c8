/**
 * The counts a release states about itself: ML-100K's u.info ("943 users / 1682 items / 100000 ratings"),
 * ML-1M's README ("These files contain 1,000,209 anonymous ratings ... made by 6,040 MovieLens users") and
 * the CSV releases' README.txt ("It contains 100836 ratings and 3683 tag applications across 9742 movies.
 * These data were created by 610 users"). A file cut short or padded disagrees with them.
 */
import type { MovieLensDataset } from '../schema.ts';
import type { BadRows } from './bad-rows.ts';
import { DataError } from './data-error.ts';
import type { MovieLensFormat } from './detect.ts';
import { joinPath as join, pathExists as existsSync, readSmallLatin1 } from './files.ts';
import { regularFileSize } from './lines.ts';

/** What a release says it holds, and the file that says so. */
export interface StatedCounts {
  source: string;
  ratings?: number;
  users?: number;
  movies?: number;
  tags?: number;
}

/** The file each format states its counts in. */
const STATEMENT_FILE: Record<MovieLensFormat, string> = { '100k': 'u.info', '1m': 'README', csv: 'README.txt' };

/** A statement file larger than this is not one. */
const MAX_STATEMENT_BYTES = 1 << 20;

const count = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text.replace(/,/g, '')));

/** Parses the counts out of a statement file's text (fields it does not state are absent). */
export function parseStatedCounts(format: MovieLensFormat, text: string, source: string): StatedCounts {
  if (format === '100k') {
    const line = (what: string): number | undefined => count(new RegExp(`^\\s*([\\d,]+)\\s+${what}\\s*$`, 'm').exec(text)?.[1]);
    return { source, users: line('users'), movies: line('items'), ratings: line('ratings') };
  }
  const flat = text.replace(/\s+/g, ' ');
  if (format === '1m') {
    return { source, ratings: count(/contain ([\d,]+) anonymous ratings/.exec(flat)?.[1]), users: count(/made by ([\d,]+) MovieLens users/.exec(flat)?.[1]) };
  }
  const m = /contains ([\d,]+) ratings(?: and ([\d,]+) tag applications)? across ([\d,]+) movies/.exec(flat);
  return { source, ratings: count(m?.[1]), tags: count(m?.[2]), movies: count(m?.[3]), users: count(/created by ([\d,]+) users/.exec(flat)?.[1]) };
}

/** The counts `dir` states for `format`, or undefined when it has no statement file. */
export function readStatedCounts(dir: string, format: MovieLensFormat): StatedCounts | undefined {
  const path = join(dir, STATEMENT_FILE[format]);
  if (!existsSync(path)) return undefined;
  if (regularFileSize(path) > MAX_STATEMENT_BYTES) throw new DataError(path, 0, `is larger than ${MAX_STATEMENT_BYTES} bytes: not a MovieLens ${STATEMENT_FILE[format]}`);
  return parseStatedCounts(format, readSmallLatin1(path), path);
}

/** The file each count of a format is read from. */
export interface CountedFiles {
  ratings: string;
  movies: string;
  users: string;
  tags?: string;
}

/** Checks `ds` against `stated`; a disagreement is a DataError naming the short file (a warning under 'drop'). */
export function checkStatedCounts(ds: MovieLensDataset, stated: StatedCounts, files: CountedFiles, bad: BadRows): void {
  const checks: [keyof CountedFiles, string, number | undefined, number | undefined][] = [
    ['ratings', 'ratings', stated.ratings, ds.ratings.length],
    ['users', 'users', stated.users, ds.users.length],
    ['movies', 'movies', stated.movies, ds.movies.length],
    ['tags', 'tag applications', stated.tags, ds.tags?.length],
  ];
  for (const [file, what, expected, actual] of checks) {
    const path = files[file];
    if (expected === undefined || actual === undefined || path === undefined || expected === actual) continue;
    const hint = actual < expected ? 'cut short or partly lost?' : 'extra rows appended?';
    bad.mismatch(new DataError(path, 0, `has ${actual} ${what} but ${stated.source} says ${expected} (${hint})`));
  }
}
