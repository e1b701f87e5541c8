/** Catalogue routes: search and lists, movie pages, similar movies, genres, movies to rate at onboarding. */
import type { FastifyInstance } from 'fastify';
import { TFDS_GENRES } from '../../data/schema.ts';
import type { AppContext } from './context.ts';
import { notFound } from './errors.ts';
import { GENRE, LIMIT, MOVIE_PARAMS, MOVIE_SUMMARY, OFFSET, strictObject, YEAR } from './schemas.ts';

/** The catalogue row of movie `id`, or a 404. */
export function requireMovieRow(ctx: AppContext, id: number): number {
  const row = ctx.catalog.movieRow(id);
  if (row === undefined) throw notFound('movie', id);
  return row;
}

const MOVIE_LIST = {
  type: 'object',
  properties: { total: { type: 'integer' }, items: { type: 'array', items: MOVIE_SUMMARY } },
} as const;

/** Registers the catalogue routes. */
export function movieRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/genres', { schema: { tags: ['movies'], summary: 'Genres with their number of movies' } }, async () => {
    const counts = TFDS_GENRES.map(() => 0);
    for (let row = 0; row < ctx.catalog.movieCount; row++) {
      TFDS_GENRES.forEach((_, g) => {
        if (ctx.catalog.genreMask(row) & (1 << g)) counts[g]++;
      });
    }
    return { genres: TFDS_GENRES.map((name, g) => ({ name, movies: counts[g] })).filter((g) => g.movies > 0) };
  });

  app.get<{ Querystring: { q?: string; genre?: string; yearFrom?: number; yearTo?: number; sort?: 'popular' | 'top-rated'; limit: number; offset: number } }>(
    '/api/movies',
    {
      schema: {
        tags: ['movies'],
        summary: 'Search by title (typo-tolerant), filter by genre and year; without q, popular or top-rated first',
        querystring: strictObject({
          q: { type: 'string', maxLength: 100 }, genre: GENRE, yearFrom: YEAR, yearTo: YEAR,
          sort: { type: 'string', enum: ['popular', 'top-rated'], default: 'popular' }, limit: LIMIT, offset: OFFSET,
        }),
        response: { 200: MOVIE_LIST },
      },
    },
    async (request) => {
      const found = ctx.search.search(request.query);
      return { total: found.total, items: found.rows.map((row) => ctx.catalog.summary(row)) };
    },
  );

  app.get<{ Params: { movieId: number } }>(
    '/api/movies/:movieId',
    { schema: { tags: ['movies'], summary: 'A movie page: details, rating histogram, similar movies', params: MOVIE_PARAMS } },
    async (request) => {
      const row = requireMovieRow(ctx, request.params.movieId);
      return { ...ctx.catalog.details(row), similar: ctx.models.current.similar(row, 8) };
    },
  );

  app.get<{ Params: { movieId: number }; Querystring: { k: number } }>(
    '/api/movies/:movieId/similar',
    {
      schema: {
        tags: ['movies'], summary: 'Movies nearest in candidate-embedding space', params: MOVIE_PARAMS,
        querystring: strictObject({ k: { ...LIMIT, default: 10 } }),
      },
    },
    async (request) => {
      const row = requireMovieRow(ctx, request.params.movieId);
      return { movieId: request.params.movieId, items: ctx.models.current.similar(row, request.query.k) };
    },
  );

  app.get<{ Querystring: { genres: string[]; limit: number } }>(
    '/api/onboarding/movies',
    {
      schema: {
        tags: ['users'], summary: 'Well-known movies to rate at onboarding, from the chosen genres',
        querystring: strictObject({ genres: { type: 'array', items: GENRE, maxItems: TFDS_GENRES.length, default: [] }, limit: { ...LIMIT, default: 24 } }),
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: MOVIE_SUMMARY } } } },
      },
    },
    async (request) => {
      const mask = request.query.genres.reduce((m, name) => m | (1 << TFDS_GENRES.indexOf(name as (typeof TFDS_GENRES)[number])), 0);
      const rows = Array.from(ctx.catalog.popularRows).filter((row) => !mask || ctx.catalog.genreMask(row) & mask);
      return { items: rows.slice(0, request.query.limit).map((row) => ctx.catalog.summary(row)) };
    },
  );
}
