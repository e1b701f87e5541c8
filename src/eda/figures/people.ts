/** Sections 5.16-5.19: busiest directors and actors, largest cast and crew (from the enrichment join). */
import type { MovieLensDataset } from '../../data/schema.ts';
import { barChart, type Row } from '../charts.ts';
import type { FigureDefinition } from '../figure.ts';
import { busiestActors, busiestDirectors, largestCastMovies, largestCrewMovies } from '../stats.ts';

interface PeopleFigureSpec {
  id: string;
  section: string;
  question: string;
  title: string;
  compute: (ds: MovieLensDataset, top: number) => Row[] | undefined;
  category: string;
  categoryTitle: string;
  measure: string;
  measureTitle: string;
}

const TOP = 15;

/** A top-15 bar chart over the enrichment columns, or the reason it is missing. */
function peopleFigure(o: PeopleFigureSpec): FigureDefinition {
  return {
    id: o.id,
    section: o.section,
    question: o.question,
    build({ ds }) {
      const rows = o.compute(ds, TOP);
      if (!rows) return `${ds.name} was loaded without enrichment data (director, cast, crew), so this figure cannot be drawn; pass --enrich <movies_extrainfos.dat>.`;
      if (rows.length === 0) return `The enrichment data of ${ds.name} has no ${o.categoryTitle.toLowerCase()} information.`;
      const matched = ds.enrichment!.matched.reduce((n, m) => n + m, 0);
      const chart = barChart({
        title: o.title,
        subtitle: `${ds.name}; ${matched.toLocaleString('en-US')} of ${ds.movies.length.toLocaleString('en-US')} movies matched to enrichment data`,
        values: rows,
        category: o.category,
        categoryTitle: o.categoryTitle,
        measure: o.measure,
        measureTitle: o.measureTitle,
        horizontal: true,
      });
      return { charts: [chart], tables: [{ name: o.id, rows }] };
    },
  };
}

const person = { category: 'name', measure: 'movies', measureTitle: 'Number of movies in the catalogue' };
const size = { category: 'title', categoryTitle: 'Movie', measure: 'size' };

/** Figures 20-23. */
export const peopleFigures: FigureDefinition[] = [
  peopleFigure({ id: 'busiest-directors', section: '5.16', question: 'The top 15 busiest (famous!) directors', title: 'Directors with the most movies', compute: busiestDirectors, categoryTitle: 'Director', ...person }),
  peopleFigure({ id: 'busiest-actors', section: '5.17', question: 'The top 15 busiest (famous!) actors', title: 'Actors with the most movies (billed cast)', compute: busiestActors, categoryTitle: 'Actor', ...person }),
  peopleFigure({ id: 'largest-cast-movies', section: '5.18', question: 'The top 15 largest cast movies, all time', title: 'Movies with the largest cast', compute: largestCastMovies, measureTitle: 'Cast members', ...size }),
  peopleFigure({ id: 'largest-crew-movies', section: '5.19', question: 'The top 15 largest crew movies, all time', title: 'Movies with the largest crew', compute: largestCrewMovies, measureTitle: 'Crew members', ...size }),
];
