/**
 * Movie search: typo-tolerant title matching (fuse.js), genre and year filters, and the popular /
 * top-rated orderings when there is no query.
 */
import Fuse from 'fuse.js';
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

/** Searches one catalogue. */
export class MovieSearch {
  private readonly fuse: Fuse<{ row: number; title: string }>;

  constructor(private readonly catalog: Catalog) {
    const docs = catalog.titles.map((title, row) => ({ row, title }));
    this.fuse = new Fuse(docs, { keys: ['title'], threshold: 0.4, ignoreLocation: true, minMatchCharLength: 2 });
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
      ? this.fuse.search(text, { limit: 500 }).map((r) => r.item.row)
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
