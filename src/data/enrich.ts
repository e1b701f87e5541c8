/**
 * Joining movie metadata (director, star, cast, cast / crew size, writers, release date, MPAA rating,
 * plot, poster) onto a dataset's movies, as the seeds did with movies_metadata.csv + credits.csv.
 * Sources: `readExtraInfos(path)` (movies_extrainfos.dat) and `readTmdbMetadata(dir)` (TMDB files).
 */
import type { MovieEnrichment, MovieLensDataset } from './schema.ts';
import type { MovieMetadata } from './readers/movie-metadata.ts';
import { normalizeTitle, splitTitleYear } from './wrangle.ts';

export type { MovieMetadata } from './readers/movie-metadata.ts';
export { readExtraInfos, parseDayMonthYear, splitPeople } from './readers/extrainfos.ts';
export { readTmdbMetadata, TMDB_POSTER_BASE, type TmdbMetadata } from './readers/tmdb.ts';
export { parsePythonLiteral, type PythonValue } from './readers/python-literal.ts';

/** How movies were joined: MovieLens id, TMDB id (links.csv), or normalized title and year. */
export type JoinMethod = 'id' | 'tmdb' | 'title';

/** Options of `enrichDataset`. */
export interface EnrichOptions {
  /** 'auto' (default) joins by TMDB id when both sides have it, by MovieLens id when the ids agree with the titles, else by title + year. */
  by?: 'auto' | JoinMethod;
  maxExamples?: number;
}

/** How many movies `enrichDataset` matched, and how. */
export interface MatchReport {
  method: JoinMethod;
  matched: number;
  total: number;
  /** Matches per step: 'id', 'tmdb', 'title+year', 'title+year±1', 'title only', 'partial title+year'. */
  bySteps: Record<string, number>;
  /** Up to `maxExamples` titles left unmatched. */
  unmatchedExamples: string[];
}

/** An empty enrichment table for `n` movies. */
export function emptyEnrichment(n: number): MovieEnrichment {
  const strings = (): string[] => new Array<string>(n).fill('');
  return {
    matched: new Uint8Array(n),
    director: strings(),
    star: strings(),
    cast: Array.from({ length: n }, () => []),
    castSize: new Int32Array(n),
    crewSize: new Int32Array(n),
    writers: Array.from({ length: n }, () => []),
    releaseDate: new Float64Array(n).fill(NaN),
    mpaa: strings(),
    plot: strings(),
    posterUrl: strings(),
  };
}

function assign(e: MovieEnrichment, m: number, r: MovieMetadata): void {
  e.matched[m] = 1;
  e.director[m] = r.director;
  e.star[m] = r.cast[0] ?? '';
  e.cast[m] = r.cast;
  e.castSize[m] = r.castSize;
  e.crewSize[m] = r.crewSize;
  e.writers[m] = r.writers;
  e.releaseDate[m] = r.releaseDate;
  e.mpaa[m] = r.mpaa;
  e.plot[m] = r.plot;
  e.posterUrl[m] = r.posterUrl;
}

/** Source records by normalized title, with their years. */
class TitleIndex {
  private readonly byTitle = new Map<string, MovieMetadata[]>();
  private readonly byYear = new Map<number, { key: string; record: MovieMetadata }[]>();

  constructor(records: MovieMetadata[]) {
    for (const r of records) {
      const key = normalizeTitle(splitTitleYear(r.title).title || r.title);
      const list = this.byTitle.get(key);
      if (list) list.push(r);
      else this.byTitle.set(key, [r]);
      if (r.year === null) continue;
      const sameYear = this.byYear.get(r.year);
      if (sameYear) sameYear.push({ key, record: r });
      else this.byYear.set(r.year, [{ key, record: r }]);
    }
  }

  /**
   * The only record of `year` whose normalized title starts or ends with one of `titles` at a word
   * boundary, or the reverse ("Star Wars" ↔ "Star Wars: Episode IV - A New Hope").
   */
  findPartial(titles: string[], year: number | null): MovieMetadata | undefined {
    if (year === null) return undefined;
    const sameYear = this.byYear.get(year) ?? [];
    for (const t of titles) {
      const a = normalizeTitle(t);
      if (a.length < 4) continue;
      const hits = sameYear.filter(({ key: b }) => b.length >= 4 && (overlapsAtEdge(a, b) || overlapsAtEdge(b, a)));
      if (hits.length === 1) return hits[0].record;
    }
    return undefined;
  }

  /** The record for one of `titles` with year within `tolerance`, or, with tolerance null, the title's only record. */
  find(titles: string[], year: number | null, tolerance: number | null): MovieMetadata | undefined {
    for (const t of titles) {
      const list = this.byTitle.get(normalizeTitle(t));
      if (!list) continue;
      if (tolerance === null) {
        if (list.length === 1) return list[0];
        continue;
      }
      const hit = list.find((r) => year !== null && r.year !== null && Math.abs(r.year - year) <= tolerance);
      if (hit) return hit;
    }
    return undefined;
  }
}

/** Whether `long` starts or ends with `short` at a word boundary. */
function overlapsAtEdge(long: string, short: string): boolean {
  return long.length > short.length && (long.startsWith(`${short} `) || long.endsWith(` ${short}`));
}

/** The fraction of id-joined movies whose title or year agrees: tells whether the id spaces are the same. */
function idAgreement(ds: MovieLensDataset, byId: Map<number, MovieMetadata>): number {
  let joined = 0;
  let agree = 0;
  for (let m = 0; m < ds.movies.length; m++) {
    const r = byId.get(ds.movies.id[m]);
    if (!r) continue;
    joined++;
    const parts = splitTitleYear(ds.movies.title[m]);
    if (normalizeTitle(parts.title) === normalizeTitle(r.title) || (parts.year !== null && parts.year === r.year)) agree++;
  }
  return joined === 0 ? 0 : agree / joined;
}

/**
 * Fills `ds.enrichment` (aligned to movie rows) from `records` and reports the matches. Movies the id join
 * misses are then tried by title + year (exact, then ±1 year, then a unique
 * title, then a unique same-year title that one starts or ends with the other).
 */
export function enrichDataset(ds: MovieLensDataset, source: MovieMetadata[] | { records: MovieMetadata[] }, opts: EnrichOptions = {}): MatchReport {
  const records = Array.isArray(source) ? source : source.records;
  const { movies } = ds;
  const byId = new Map<number, MovieMetadata>();
  const byTmdb = new Map<number, MovieMetadata>();
  for (const r of records) {
    if (r.movieLensId !== null) byId.set(r.movieLensId, r);
    if (r.tmdbId !== null) byTmdb.set(r.tmdbId, r);
  }
  let method: JoinMethod = opts.by && opts.by !== 'auto' ? opts.by : 'title';
  if (!opts.by || opts.by === 'auto') {
    if (movies.tmdbId && byTmdb.size > 0) method = 'tmdb';
    else if (byId.size > 0 && idAgreement(ds, byId) >= 0.5) method = 'id';
  }
  const e = emptyEnrichment(movies.length);
  const bySteps: Record<string, number> = {};
  const count = (step: string): void => {
    bySteps[step] = (bySteps[step] ?? 0) + 1;
  };
  const titles = new TitleIndex(records);
  const unmatchedExamples: string[] = [];
  let matched = 0;
  for (let m = 0; m < movies.length; m++) {
    let r: MovieMetadata | undefined;
    if (method === 'id') r = byId.get(movies.id[m]);
    else if (method === 'tmdb' && movies.tmdbId![m] > 0) r = byTmdb.get(movies.tmdbId![m]);
    if (r) count(method);
    else {
      const parts = splitTitleYear(movies.title[m]);
      const candidates = [parts.title, ...parts.alternateTitles];
      const steps: [string, number | null][] = [['title+year', 0], ['title+year±1', 1], ['title only', null]];
      for (const [step, tolerance] of steps) {
        r = titles.find(candidates, parts.year, tolerance);
        if (r) {
          count(step);
          break;
        }
      }
      if (!r) {
        r = titles.findPartial(candidates, parts.year);
        if (r) count('partial title+year');
      }
    }
    if (r) {
      assign(e, m, r);
      matched++;
    } else if (unmatchedExamples.length < (opts.maxExamples ?? 10)) unmatchedExamples.push(movies.title[m]);
  }
  ds.enrichment = e;
  return { method, matched, total: movies.length, bySteps, unmatchedExamples };
}
