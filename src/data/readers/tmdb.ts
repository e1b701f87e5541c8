/**
 * TMDB-style metadata as the seeds used it (the "The Movies Dataset" files): movies_metadata.csv,
 * credits.csv (Python-literal lists of dicts in `cast` and `crew`) and links.csv (MovieLens movieId ↔ tmdbId).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { forEachCsvRecord } from './csv.ts';
import { DataError } from './data-error.ts';
import type { MovieMetadata } from './movie-metadata.ts';
import { parsePythonLiteral, type PythonValue } from './python-literal.ts';

/** Where TMDB poster paths are served from. */
export const TMDB_POSTER_BASE = 'https://image.tmdb.org/t/p/w500';

/** What `readTmdbMetadata` read. */
export interface TmdbMetadata {
  records: MovieMetadata[];
  /** movies_metadata.csv rows skipped because their id is not a number (the file has a few shifted rows). */
  skippedRows: number;
}

/** Parses a credits.csv cell into a list of dicts. */
function parseCredits(text: string, file: string, line: number, column: string): { [key: string]: PythonValue }[] {
  try {
    const v = parsePythonLiteral(text.trim() === '' ? '[]' : text);
    if (!Array.isArray(v)) throw new SyntaxError('not a list');
    return v.filter((x): x is { [key: string]: PythonValue } => typeof x === 'object' && x !== null && !Array.isArray(x));
  } catch (error) {
    throw new DataError(file, line, `${column} is not a Python list of dicts: ${(error as Error).message}`);
  }
}

/** Reads the TMDB files of `dir` (links.csv optional). Director = the first crew member whose job is "Director". */
export async function readTmdbMetadata(dir: string): Promise<TmdbMetadata> {
  const byTmdb = new Map<number, MovieMetadata>();
  let skippedRows = 0;
  await forEachCsvRecord(join(dir, 'movies_metadata.csv'), ['id', 'title', 'release_date', 'overview', 'poster_path'], (f, c) => {
    const id = Number(f[c.id]);
    if (!Number.isInteger(id) || id <= 0) {
      skippedRows++;
      return;
    }
    const date = /^\d{4}-\d{2}-\d{2}$/.test(f[c.release_date]) ? Date.parse(`${f[c.release_date]}T00:00:00Z`) : NaN;
    const poster = f[c.poster_path].trim();
    byTmdb.set(id, {
      movieLensId: null,
      tmdbId: id,
      title: f[c.title].trim(),
      year: Number.isNaN(date) ? null : new Date(date).getUTCFullYear(),
      director: '',
      cast: [],
      castSize: 0,
      crewSize: 0,
      writers: [],
      releaseDate: date,
      mpaa: '',
      plot: f[c.overview].trim(),
      posterUrl: poster.startsWith('/') ? TMDB_POSTER_BASE + poster : '',
    });
  });
  const creditsPath = join(dir, 'credits.csv');
  await forEachCsvRecord(creditsPath, ['cast', 'crew', 'id'], (f, c, line) => {
    const record = byTmdb.get(Number(f[c.id]));
    if (!record) return;
    const cast = parseCredits(f[c.cast], creditsPath, line, 'cast');
    const crew = parseCredits(f[c.crew], creditsPath, line, 'crew');
    const ordered = [...cast].sort((a, b) => Number(a.order ?? 0) - Number(b.order ?? 0));
    record.cast = ordered.map((p) => String(p.name ?? ''));
    record.castSize = cast.length;
    record.crewSize = crew.length;
    record.director = String(crew.find((p) => p.job === 'Director')?.name ?? '');
    record.writers = [...new Set(crew.filter((p) => p.department === 'Writing').map((p) => String(p.name ?? '')))];
  });
  const linksPath = join(dir, 'links.csv');
  if (existsSync(linksPath)) {
    await forEachCsvRecord(linksPath, ['movieId', 'tmdbId'], (f, c) => {
      const record = byTmdb.get(Number(f[c.tmdbId]));
      if (record && record.movieLensId === null) record.movieLensId = Number(f[c.movieId]);
    });
  }
  return { records: [...byTmdb.values()], skippedRows };
}
