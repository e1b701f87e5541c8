/**
 * movies_extrainfos.dat: per ML-1M movie, '::' separated and UTF-8 (CRLF): id, title, year, MPAA rating,
 * release date ("22 Nov 1995"), genres, director(s), writers, actors, plot, poster URL; "N/A" = unknown.
 */
import type { MovieMetadata } from './movie-metadata.ts';
import { BadRows } from './bad-rows.ts';
import { DataError } from './data-error.ts';
import { forEachTextLine, parseId, splitFields } from './lines.ts';
import { utcDate } from './ml-100k.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "22 Nov 1995" → ms since the epoch (NaN for "N/A" or anything else). */
export function parseDayMonthYear(text: string): number {
  const m = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/.exec(text.trim());
  return m ? utcDate(Number(m[3]), MONTHS.indexOf(m[2].toLowerCase()), Number(m[1])) : NaN;
}

const known = (s: string): string => (s.trim() === 'N/A' ? '' : s.trim());

/** Splits "A, B (screenplay), B (story)" into distinct names with the parenthesised roles dropped. */
export function splitPeople(text: string): string[] {
  const names = known(text)
    .split(',')
    .map((s) => s.replace(/\([^)]*\)/g, '').trim())
    .filter((s) => s !== '');
  return [...new Set(names)];
}

/** Reads movies_extrainfos.dat. `director` is the first-listed director; cast / crew sizes count the listed actors and the distinct directors + writers. */
export async function readExtraInfos(path: string, bad = new BadRows()): Promise<MovieMetadata[]> {
  const out: MovieMetadata[] = [];
  const seen = new Set<number>();
  await forEachTextLine(path, 'utf-8', (text, line) => {
    const f = splitFields(text, '::', 11, path, line);
    const movieLensId = parseId(f[0], 'movie id', path, line);
    const year = Number(f[2]);
    if (known(f[2]) !== '' && !/^\s*\d{4}\s*$/.test(f[2])) throw new DataError(path, line, `year ${JSON.stringify(f[2])} is not a year`);
    const releaseDate = parseDayMonthYear(f[4]);
    if (known(f[4]) !== '' && Number.isNaN(releaseDate)) throw new DataError(path, line, `release date ${JSON.stringify(f[4])} is not a date like 22 Nov 1995 (or N/A)`);
    if (seen.has(movieLensId)) throw new DataError(path, line, `duplicate movie id ${movieLensId}`);
    seen.add(movieLensId);
    const directors = splitPeople(f[6]);
    const writers = splitPeople(f[7]);
    const cast = splitPeople(f[8]);
    out.push({
      movieLensId,
      tmdbId: null,
      title: known(f[1]),
      year: known(f[2]) === '' ? null : year,
      director: directors[0] ?? '',
      cast,
      castSize: cast.length,
      crewSize: new Set([...directors, ...writers]).size,
      writers,
      releaseDate,
      mpaa: known(f[3]),
      plot: known(f[9]),
      posterUrl: known(f[10]),
    });
  }, undefined, bad);
  return out;
}
