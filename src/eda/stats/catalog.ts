/** What gets rated: ratings per release decade of the movie and per genre. */
import { TFDS_GENRES, type MovieLensDataset } from '../../data/schema.ts';
import { splitTitleYear } from '../../data/wrangle.ts';
import { denseIds, keyByMovie, ratingsPerMovie, totalsBy } from './aggregate.ts';

/** Ratings and movies of one category (a decade or a genre). */
export interface CategoryCount {
  category: string;
  movies: number;
  ratings: number;
}

/** "1990s" for 1994; "unknown" when the title has no year. */
export function decadeOf(year: number | null): string {
  return year === null ? 'unknown' : `${Math.floor(year / 10) * 10}s`;
}

/** Ratings per release decade, the year taken from the title (seed Figure 15); oldest first, unknown last. */
export function ratingsByReleaseDecade(ds: MovieLensDataset): CategoryCount[] {
  const { ids, labels } = denseIds(ds.movies.title.map((t) => decadeOf(splitTitleYear(t).year)));
  const totals = totalsBy(ds.ratings, labels.length, keyByMovie(ds, ids));
  const movies = new Float64Array(labels.length);
  for (const k of ids) movies[k]++;
  return labels
    .map((category, k) => ({ category, movies: movies[k], ratings: totals.count[k] }))
    .sort((a, b) => (a.category === 'unknown' ? 1 : b.category === 'unknown' ? -1 : a.category.localeCompare(b.category)));
}

/** Ratings per genre (a rating counts once for each genre of its movie), most rated first (seed Figure 19). */
export function popularGenres(ds: MovieLensDataset): CategoryCount[] {
  const { genres } = ds.movies;
  const perMovie = ratingsPerMovie(ds);
  const out = TFDS_GENRES.map((category) => ({ category, movies: 0, ratings: 0 }));
  for (let m = 0; m < ds.movies.length; m++) {
    for (let g = 0; g < TFDS_GENRES.length; g++) {
      if (!(genres[m] & (1 << g))) continue;
      out[g].movies++;
      out[g].ratings += perMovie[m];
    }
  }
  return out.filter((c) => c.movies > 0).sort((a, b) => b.ratings - a.ratings);
}
