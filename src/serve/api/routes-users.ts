/** User routes: the user picker, profiles, ratings (writes need a token), recommendations, onboarding. */
import type { FastifyInstance } from 'fastify';
import { TFDS_GENRES, TFDS_OCCUPATIONS } from '../../data/schema.ts';
import { buildProfile, type UserProfile } from '../recommender/profile.ts';
import type { AppUser, StoredRating } from '../store/types.ts';
import { hashToken, newToken } from './auth.ts';
import type { AppContext } from './context.ts';
import { notFound } from './errors.ts';
import { requireMovieRow } from './routes-movies.ts';
import { LIMIT, OFFSET, ONBOARDING_BODY, RATING_BODY, RECOMMENDATION_LIST, strictObject, USER_PARAMS } from './schemas.ts';

/** A user as the API shows them. */
interface UserView {
  id: number;
  kind: 'movielens' | 'app';
  name: string;
  ratingCount: number;
  genres: string[];
  age?: number;
  gender?: string;
  occupation?: string;
}

/** The profile of user `userId` (a dataset user or an app user), or a 404. */
export async function loadProfile(ctx: AppContext, userId: number): Promise<{ profile: UserProfile; appUser?: AppUser }> {
  const appUser = ctx.catalog.userRow(userId) === undefined ? await ctx.store.getUser(userId) : undefined;
  if (ctx.catalog.userRow(userId) === undefined && !appUser) throw notFound('user', userId);
  const stored = await ctx.store.ratingsOf(userId);
  return { profile: buildProfile(ctx.catalog, userId, stored, appUser?.genres ?? []), appUser };
}

/** What others see instead of an app user's chosen name (shown only with their token or the admin's). */
function anonymousName(id: number): string {
  return `App user ${id}`;
}

function userView(ctx: AppContext, profile: UserProfile, appUser?: AppUser, showName = true): UserView {
  const view: UserView = {
    id: profile.userId,
    kind: appUser ? 'app' : 'movielens',
    name: appUser ? (showName ? appUser.name : anonymousName(appUser.id)) : `MovieLens user ${profile.userId}`,
    ratingCount: profile.rated.movieRows.length,
    genres: profile.genres.map((g) => TFDS_GENRES[g]),
  };
  const users = ctx.catalog.dataset.users;
  if (profile.userRow >= 0) {
    if (users.age) view.age = users.age[profile.userRow];
    if (users.gender) view.gender = users.gender[profile.userRow] === 0 ? 'M' : 'F';
    if (users.occupationLabel) view.occupation = TFDS_OCCUPATIONS[users.occupationLabel[profile.userRow]];
  }
  return view;
}

/** Registers the user routes. */
export function userRoutes(app: FastifyInstance, ctx: AppContext, writeRateLimit: { max: number; timeWindow: string }): void {
  app.get<{ Querystring: { kind: 'movielens' | 'app'; limit: number; offset: number } }>(
    '/api/users',
    {
      schema: {
        tags: ['users'], summary: "Users to pick from: MovieLens users, or users created in the app (their names only with the admin token)",
        querystring: strictObject({ kind: { type: 'string', enum: ['movielens', 'app'], default: 'movielens' }, limit: LIMIT, offset: OFFSET }),
      },
    },
    async (request) => {
      const { kind, limit, offset } = request.query;
      if (kind === 'app') {
        const users = await ctx.store.listUsers(limit, offset);
        const showNames = await ctx.auth.mayActAs(request);
        return { total: await ctx.store.countUsers(), items: users.map((u) => ({ id: u.id, kind: 'app', name: showNames ? u.name : anonymousName(u.id) })) };
      }
      const ids = ctx.catalog.dataset.users.id;
      const items = Array.from(ids.subarray(offset, offset + limit), (id) => userView(ctx, buildProfile(ctx.catalog, id, [])));
      return { total: ids.length, items };
    },
  );

  app.get<{ Params: { userId: number } }>(
    '/api/users/:userId',
    { schema: { tags: ['users'], summary: "One user (an app user's name only with their token or the admin's)", params: USER_PARAMS } },
    async (request) => {
      const { profile, appUser } = await loadProfile(ctx, request.params.userId);
      return userView(ctx, profile, appUser, appUser ? await ctx.auth.mayActAs(request, appUser.id) : true);
    },
  );

  app.get<{ Params: { userId: number }; Querystring: { limit: number } }>(
    '/api/users/:userId/ratings',
    { schema: { tags: ['users'], summary: "A user's ratings, best first", params: USER_PARAMS, querystring: strictObject({ limit: { ...LIMIT, default: 50 } }) } },
    async (request) => {
      const { profile } = await loadProfile(ctx, request.params.userId);
      const { movieRows, ratings } = profile.rated;
      const order = Array.from(movieRows.keys()).sort((a, b) => ratings[b] - ratings[a] || movieRows[a] - movieRows[b]);
      const items = order.slice(0, request.query.limit).map((i) => ({ movie: ctx.catalog.summary(movieRows[i]), rating: ratings[i] }));
      return { total: movieRows.length, items };
    },
  );

  app.get<{ Params: { userId: number }; Querystring: { k: number } }>(
    '/api/users/:userId/recommendations',
    {
      schema: {
        tags: ['users'], summary: 'Top-k recommendations with reasons (the top-K model chosen on validation; rated movies excluded)',
        params: USER_PARAMS, querystring: strictObject({ k: { ...LIMIT, default: 10 } }), response: { 200: RECOMMENDATION_LIST },
      },
    },
    async (request) => {
      const { profile } = await loadProfile(ctx, request.params.userId);
      const list = ctx.models.current.recommend(profile, request.query.k);
      ctx.served.served(profile.userId, list.items.map((item) => item.movie.id));
      return { userId: profile.userId, ...list };
    },
  );

  app.post<{ Params: { userId: number }; Body: { movieId: number; rating: number } }>(
    '/api/users/:userId/ratings',
    {
      config: { rateLimit: writeRateLimit },
      schema: {
        tags: ['users'], summary: "Rates a movie (needs the user's token or the admin token); durable when answered",
        params: USER_PARAMS, body: RATING_BODY, security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const { userId } = request.params;
      await loadProfile(ctx, userId);
      await ctx.auth.requireUser(request, userId);
      requireMovieRow(ctx, request.body.movieId);
      const rating: StoredRating = { userId, movieId: request.body.movieId, rating: request.body.rating, ratedAt: new Date().toISOString() };
      await ctx.store.putRating(rating);
      ctx.served.rated(userId, rating.movieId);
      return reply.status(201).send(rating);
    },
  );

  app.post<{ Body: { name: string; genres: string[]; ratings: { movieId: number; rating: number }[] } }>(
    '/api/users',
    {
      config: { rateLimit: writeRateLimit },
      schema: { tags: ['users'], summary: 'Onboarding: creates a user from chosen genres and a few ratings; returns its write token', body: ONBOARDING_BODY },
    },
    async (request, reply) => {
      const { name, genres, ratings } = request.body;
      for (const r of ratings) requireMovieRow(ctx, r.movieId);
      const token = newToken();
      const genreIds = genres.map((g) => TFDS_GENRES.indexOf(g as (typeof TFDS_GENRES)[number]));
      const user = await ctx.store.createUser({ name, genres: genreIds, tokenHash: hashToken(token) });
      const ratedAt = new Date().toISOString();
      for (const r of ratings) await ctx.store.putRating({ userId: user.id, movieId: r.movieId, rating: r.rating, ratedAt });
      const { profile } = await loadProfile(ctx, user.id);
      const recommendations = ctx.models.current.recommend(profile, 10);
      ctx.served.served(profile.userId, recommendations.items.map((item) => item.movie.id));
      return reply.status(201).send({ user: userView(ctx, profile, user), token, recommendations });
    },
  );
}
