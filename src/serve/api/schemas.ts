/** JSON schemas shared by the routes (they validate requests and feed the OpenAPI document). */
import { TFDS_GENRES } from '../../data/schema.ts';

/** A positive 32-bit id. */
export const ID = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const;

/** An object schema with exactly these properties (unknown fields are errors). */
export function strictObject(properties: Record<string, object>, required: string[] = []): object {
  return { type: 'object', properties, required, additionalProperties: false };
}

export const USER_PARAMS = strictObject({ userId: ID }, ['userId']);
export const MOVIE_PARAMS = strictObject({ movieId: ID }, ['movieId']);

/** How many items a list returns. */
export const LIMIT = { type: 'integer', minimum: 1, maximum: 100, default: 20 } as const;
export const OFFSET = { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 } as const;
export const GENRE = { type: 'string', enum: [...TFDS_GENRES] } as const;
export const YEAR = { type: 'integer', minimum: 1800, maximum: 2100 } as const;
/** A star rating: 0.5 … 5 in half stars. */
export const RATING = { type: 'number', minimum: 0.5, maximum: 5, multipleOf: 0.5 } as const;

export const RATING_BODY = strictObject({ movieId: ID, rating: RATING }, ['movieId', 'rating']);

/** A display name: 1–40 characters, none of them control characters (NUL, newlines, escapes). */
const NAME = { type: 'string', minLength: 1, maxLength: 40, pattern: '^[^\\u0000-\\u001f\\u007f]+$' } as const;

export const ONBOARDING_BODY = strictObject(
  {
    name: NAME,
    genres: { type: 'array', items: GENRE, maxItems: TFDS_GENRES.length, uniqueItems: true, default: [] },
    ratings: { type: 'array', items: RATING_BODY, maxItems: 50, default: [] },
  },
  ['name'],
);

const NULLABLE_NUMBER = { type: ['number', 'null'] } as const;
const NULLABLE_STRING = { type: ['string', 'null'] } as const;

/** A movie card. */
export const MOVIE_SUMMARY = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, title: { type: 'string' }, year: NULLABLE_NUMBER,
    genres: { type: 'array', items: { type: 'string' } }, ratingCount: { type: 'integer' },
    meanRating: NULLABLE_NUMBER, posterUrl: NULLABLE_STRING,
  },
} as const;

/** A reason shown next to a recommendation (fields depend on `kind`). */
const REASON = { type: 'object', properties: { kind: { type: 'string' } }, additionalProperties: true } as const;

/** One recommended movie. */
export const RECOMMENDATION = {
  type: 'object',
  properties: { movie: MOVIE_SUMMARY, predictedRating: { type: 'number' }, score: { type: 'number' }, reasons: { type: 'array', items: REASON } },
} as const;

/** A recommendation list. */
export const RECOMMENDATION_LIST = {
  type: 'object',
  properties: {
    userId: { type: 'integer' }, strategy: { type: 'string' }, candidates: { type: 'integer' }, recommender: { type: 'string' }, modelVersion: { type: 'string' },
    items: { type: 'array', items: RECOMMENDATION },
  },
} as const;
