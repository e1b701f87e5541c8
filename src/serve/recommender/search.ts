/**
 * Movie search: typo-tolerant title matching (minisearch: every word must match, as a prefix or
 * within a few edits; popular movies first among equals), genre and year filters, and the popular /
 * top-rated orderings when there is no query.
 */
import MiniSearch from 'minisearch';
import { TFDS_GENRES } from '../../data/schema.ts';
import type { Catalog } from './catalog.ts';

/** A search request; every field is optional. */
export interface MovieQuery {
  q?: string;
  genre?: string;
  yearFrom?: number;
  yearTo?: number;
  sort?: 'popular' | 'top-rated';
  limit?: number;
  offset?: number;
}

/** Movie rows found, with the total before paging. */
export interface SearchResult {
  rows: number[];
  total: number;
}

/** Most title matches considered per query. */
const MAX_MATCHES = 500;

/** Edits tolerated in a query word: none up to 3 letters, 2 up to 5 (a swapped pair), then a third of its length. */
function allowedEdits(term: string): number {
  return term.length <= 3 ? 0 : term.length <= 5 ? 2 : Math.round(term.length / 3);
}

/** Searches one catalogue. */
export class MovieSearch {
  private readonly index = new MiniSearch<{ row: number; title: string }>({ fields: ['title'], idField: 'row' });

  constructor(private readonly catalog: Catalog) {
    this.index.addAll(catalog.titles.map((title, row) => ({ row, title })));
  }

  /** Movie rows whose title matches `text`, best first (at most `MAX_MATCHES`). */
  private match(text: string): number[] {
    const hits = this.index.search(text, {
      prefix: true, fuzzy: allowedEdits, combineWith: 'AND',
      boostDocument: (row) => 1 + Math.log1p(this.catalog.ratingCount[row as number]) / 4,
    });
    return hits.slice(0, MAX_MATCHES).map((hit) => hit.id as number);
  }

  /** Runs `query`; an unknown genre name throws a RangeError naming it. */
  search(query: MovieQuery): SearchResult {
    const { catalog } = this;
    const genreBit = query.genre === undefined ? 0 : genreMaskOf(query.genre);
    const keep = (row: number): boolean => {
      if (genreBit && !(catalog.genreMask(row) & genreBit)) return false;
      const year = catalog.years[row];
      if (query.yearFrom !== undefined && (year === null || year < query.yearFrom)) return false;
      if (query.yearTo !== undefined && (year === null || year > query.yearTo)) return false;
      return true;
    };
    const text = query.q?.trim();
    const ordered = text
      ? this.match(text)
      : Array.from(query.sort === 'top-rated' ? catalog.topRatedRows : catalog.popularRows);
    const rows = ordered.filter(keep);
    const offset = query.offset ?? 0;
    return { rows: rows.slice(offset, offset + (query.limit ?? 20)), total: rows.length };
  }
}

/** The bit of genre `name` (case-insensitive) in `Movies.genres`. */
export function genreMaskOf(name: string): number {
  const index = TFDS_GENRES.findIndex((g) => g.toLowerCase() === name.toLowerCase());
  if (index < 0) throw new RangeError(`unknown genre "${name}"; expected one of ${TFDS_GENRES.join(', ')}`);
  return 1 << index;
}
