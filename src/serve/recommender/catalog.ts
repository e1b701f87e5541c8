/**
 * The served catalogue: per-movie display data and rating statistics, the id ↔ row maps, and each
 * dataset user's ratings in compressed rows, all computed once from a `MovieLensDataset`.
 */
import { TFDS_GENRES, genreList, type MovieLensDataset } from '../../data/schema.ts';
import { gathered, groupByKey } from '../../util/group.ts';

/** What the API shows of one movie. */
export interface MovieSummary {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  ratingCount: number;
  meanRating: number | null;
  posterUrl: string | null;
}

/** A movie page's extra fields. */
export interface MovieDetails extends MovieSummary {
  director: string | null;
  cast: string[];
  plot: string | null;
  /** Counts of 1★ … 5★ ratings (half stars rounded up). */
  histogram: number[];
}

/** A set of (movie row, rating) pairs. */
export interface RatedMovies {
  movieRows: Int32Array;
  ratings: Float32Array;
}

const ARTICLE_SUFFIX = /^(.*), (The|A|An|Les|La|Le|L'|Il|Das|Der|Die|El)$/;

/** "Shawshank Redemption, The (1994)" → { title: "The Shawshank Redemption", year: 1994 }. */
export function parseTitle(raw: string): { title: string; year: number | null } {
  const match = /^(.*?)\s*\((\d{4})\)\s*$/.exec(raw);
  const name = (match ? match[1] : raw).trim();
  const year = match ? Number(match[2]) : null;
  const article = ARTICLE_SUFFIX.exec(name);
  return { title: article ? `${article[2]}${article[2].endsWith("'") ? '' : ' '}${article[1]}` : name, year };
}

/** Movies whose count is below this are never "top rated". */
const TOP_RATED_MIN_COUNT = 20;

/** The catalogue built from one dataset. */
export class Catalog {
  readonly titles: string[];
  readonly years: (number | null)[];
  readonly ratingCount: Int32Array;
  readonly ratingSum: Float64Array;
  /** 5 bins per movie row. */
  readonly histograms: Int32Array;
  /** Movie rows by number of ratings, most first. */
  readonly popularRows: Int32Array;
  /** Movie rows by Bayesian mean rating (prior: the global mean with weight TOP_RATED_MIN_COUNT). */
  readonly topRatedRows: Int32Array;
  private readonly movieRowById = new Map<number, number>();
  private readonly userRowById = new Map<number, number>();
  private readonly userOffsets: Int32Array;
  private readonly userMovies: Int32Array;
  private readonly userRatings: Float32Array;

  constructor(readonly dataset: MovieLensDataset) {
    const { movies, users, ratings } = dataset;
    movies.id.forEach((id, row) => this.movieRowById.set(id, row));
    users.id.forEach((id, row) => this.userRowById.set(id, row));
    const parsed = movies.title.map(parseTitle);
    this.titles = parsed.map((p) => p.title);
    this.years = parsed.map((p, row) => p.year ?? yearOfRelease(dataset, row));
    this.ratingCount = new Int32Array(movies.length);
    this.ratingSum = new Float64Array(movies.length);
    this.histograms = new Int32Array(movies.length * 5);
    for (let i = 0; i < ratings.length; i++) {
      const m = ratings.movie[i];
      this.ratingCount[m]++;
      this.ratingSum[m] += ratings.rating[i];
      this.histograms[m * 5 + Math.min(4, Math.max(0, Math.ceil(ratings.rating[i]) - 1))]++;
    }
    const byUser = groupByKey(ratings.length, users.length, (i) => ratings.user[i]);
    this.userOffsets = byUser.offsets;
    this.userMovies = gathered(ratings.movie, byUser.order);
    this.userRatings = gathered(ratings.rating, byUser.order);
    const rows = Int32Array.from({ length: movies.length }, (_, i) => i);
    this.popularRows = rows.slice().sort((a, b) => this.ratingCount[b] - this.ratingCount[a] || a - b);
    const globalMean = ratings.length ? this.ratingSum.reduce((s, x) => s + x, 0) / ratings.length : 0;
    const bayes = (m: number) => (this.ratingSum[m] + TOP_RATED_MIN_COUNT * globalMean) / (this.ratingCount[m] + TOP_RATED_MIN_COUNT);
    this.topRatedRows = rows.filter((m) => this.ratingCount[m] >= TOP_RATED_MIN_COUNT).sort((a, b) => bayes(b) - bayes(a) || a - b);
  }

  get movieCount(): number {
    return this.dataset.movies.length;
  }

  /** The row of MovieLens movie `id`, or undefined. */
  movieRow(id: number): number | undefined {
    return this.movieRowById.get(id);
  }

  /** The row of MovieLens user `id`, or undefined. */
  userRow(id: number): number | undefined {
    return this.userRowById.get(id);
  }

  movieId(row: number): number {
    return this.dataset.movies.id[row];
  }

  genreMask(row: number): number {
    return this.dataset.movies.genres[row];
  }

  /** A dataset user's ratings (views into shared arrays: do not modify). */
  ratingsOfUserRow(row: number): RatedMovies {
    const start = this.userOffsets[row];
    const end = this.userOffsets[row + 1];
    return { movieRows: this.userMovies.subarray(start, end), ratings: this.userRatings.subarray(start, end) };
  }

  /** The card of movie `row`. */
  summary(row: number): MovieSummary {
    const count = this.ratingCount[row];
    const enrichment = this.dataset.enrichment;
    return {
      id: this.movieId(row),
      title: this.titles[row],
      year: this.years[row],
      genres: genreList(this.genreMask(row)).map((g) => TFDS_GENRES[g]),
      ratingCount: count,
      meanRating: count ? Math.round((this.ratingSum[row] / count) * 100) / 100 : null,
      posterUrl: enrichment?.matched[row] ? enrichment.posterUrl[row] || null : null,
    };
  }

  /** The movie page of movie `row`. */
  details(row: number): MovieDetails {
    const e = this.dataset.enrichment;
    const known = Boolean(e?.matched[row]);
    return {
      ...this.summary(row),
      director: known ? e!.director[row] || null : null,
      cast: known ? e!.cast[row].slice(0, 8) : [],
      plot: known ? e!.plot[row] || null : null,
      histogram: Array.from(this.histograms.subarray(row * 5, row * 5 + 5)),
    };
  }

  /** The director of movie `row` when the enrichment has one. */
  director(row: number): string | undefined {
    const e = this.dataset.enrichment;
    return e?.matched[row] && e.director[row] ? e.director[row] : undefined;
  }
}

function yearOfRelease(ds: MovieLensDataset, row: number): number | null {
  const date = ds.enrichment?.releaseDate[row];
  return date !== undefined && Number.isFinite(date) ? new Date(date).getUTCFullYear() : null;
}
