/**
 * Who made the movies (from the enrichment join): busiest directors and actors, and the movies with
 * the largest cast and crew. Every function returns undefined when the dataset has no enrichment.
 */
import type { MovieLensDataset } from '../../data/schema.ts';
import { ratingsPerMovie, topKeys } from './aggregate.ts';

/** One person and how many movies (and ratings of those movies) they have in the catalogue. */
export interface PersonCount {
  name: string;
  movies: number;
  ratings: number;
}

/** A movie and the size of its cast or crew. */
export interface MovieSize {
  title: string;
  size: number;
  ratings: number;
}

/** The `top` people by movie count (ties: more ratings first), `namesOf(m)` listing movie m's people. */
function busiest(ds: MovieLensDataset, top: number, namesOf: (m: number) => readonly string[]): PersonCount[] {
  const perMovie = ratingsPerMovie(ds);
  const people = new Map<string, PersonCount>();
  for (let m = 0; m < ds.movies.length; m++) {
    for (const raw of new Set(namesOf(m))) {
      const name = raw.trim();
      if (!name) continue;
      const p = people.get(name) ?? { name, movies: 0, ratings: 0 };
      p.movies++;
      p.ratings += perMovie[m];
      people.set(name, p);
    }
  }
  return [...people.values()].sort((a, b) => b.movies - a.movies || b.ratings - a.ratings || a.name.localeCompare(b.name)).slice(0, top);
}

/** Directors with the most movies (seed Figure 20). */
export function busiestDirectors(ds: MovieLensDataset, top = 15): PersonCount[] | undefined {
  const e = ds.enrichment;
  return e && busiest(ds, top, (m) => (e.matched[m] ? e.director[m].split(/,\s*/) : []));
}

/** Actors with the most movies, counting every billed cast member (seed Figure 21). */
export function busiestActors(ds: MovieLensDataset, top = 15): PersonCount[] | undefined {
  const e = ds.enrichment;
  return e && busiest(ds, top, (m) => (e.matched[m] ? e.cast[m] : []));
}

/** The `top` matched movies by `size[m]`. */
function largest(ds: MovieLensDataset, size: Int32Array, top: number): MovieSize[] {
  const matched = ds.enrichment!.matched;
  const perMovie = ratingsPerMovie(ds);
  return topKeys(0, ds.movies.length, top, (m) => size[m], { keep: (m) => matched[m] === 1 && size[m] > 0 })
    .map((m) => ({ title: ds.movies.title[m], size: size[m], ratings: perMovie[m] }));
}

/** Movies with the largest cast (seed Figure 22). */
export function largestCastMovies(ds: MovieLensDataset, top = 15): MovieSize[] | undefined {
  return ds.enrichment && largest(ds, ds.enrichment.castSize, top);
}

/** Movies with the largest crew (seed Figure 23). */
export function largestCrewMovies(ds: MovieLensDataset, top = 15): MovieSize[] | undefined {
  return ds.enrichment && largest(ds, ds.enrichment.crewSize, top);
}
