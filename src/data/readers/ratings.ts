/** Reads a ratings file of any release into columns, checking every value and id. */
import { statSync } from 'node:fs';
import type { Ratings } from '../schema.ts';
import { IdIndex, RatingsBuilder } from './columns.ts';
import { DataError } from './data-error.ts';
import type { ProgressTracker } from './lines.ts';
import { scanNumericFile } from './numeric.ts';

/** The rating scale of a release: whole stars 1-5 (100K, 1M) or half stars 0.5-5 (latest, 20M, 25M). */
export type RatingScale = 'whole' | 'half';

/** How to read one ratings file. */
export interface RatingsFileSpec {
  separator: string;
  header?: string;
  scale: RatingScale;
  /** Users by id. With `addUnknownUsers` new ids become new rows; otherwise an unknown id is an error. */
  users: IdIndex;
  addUnknownUsers: boolean;
  movies: IdIndex;
  /** Bytes per line of a typical file, to pre-size the columns. */
  typicalLineBytes: number;
}

const RATING_FIELDS = ['userId', 'movieId', 'rating', 'timestamp'] as const;

/** Why `rating` is invalid on `scale`, or null. */
export function ratingProblem(rating: number, scale: RatingScale): string | null {
  if (!Number.isFinite(rating)) return `rating ${rating} is not a number`;
  if (scale === 'whole') return Number.isInteger(rating) && rating >= 1 && rating <= 5 ? null : `rating ${rating} is not a whole star from 1 to 5`;
  return Number.isInteger(rating * 2) && rating >= 0.5 && rating <= 5 ? null : `rating ${rating} is not a half star from 0.5 to 5`;
}

/** Streams `path` into Ratings columns. */
export async function readRatingsFile(path: string, spec: RatingsFileSpec, progress?: ProgressTracker): Promise<Ratings> {
  const builder = new RatingsBuilder(RatingsBuilder.capacityForFileSize(statSync(path).size, spec.typicalLineBytes));
  const { users, movies, scale } = spec;
  const stepsPerStar = scale === 'whole' ? 1 : 2;
  const [minSteps, maxSteps] = scale === 'whole' ? [1, 5] : [1, 10];
  await scanNumericFile(
    path,
    { separator: spec.separator, fields: RATING_FIELDS, header: spec.header },
    (v, line) => {
      const userId = v[0];
      const movieId = v[1];
      const rating = v[2];
      const timestamp = v[3];
      // Fast checks first (this runs 25M times for ML-25M); the helpers below build the messages.
      if ((userId | 0) !== userId || userId <= 0) throw new DataError(path, line, `userId ${userId} is not a positive integer`);
      if ((movieId | 0) !== movieId || movieId <= 0) throw new DataError(path, line, `movieId ${movieId} is not a positive integer`);
      let u = users.row(userId);
      if (u < 0) {
        if (!spec.addUnknownUsers) throw new DataError(path, line, `unknown userId ${userId} (not in the users file)`);
        u = users.add(userId);
      }
      const m = movies.row(movieId);
      if (m < 0) throw new DataError(path, line, `unknown movieId ${movieId} (not in the movies file)`);
      const steps = rating * stepsPerStar;
      if (!(steps >= minSteps && steps <= maxSteps && steps === Math.floor(steps))) throw new DataError(path, line, ratingProblem(rating, scale)!);
      if (!(timestamp >= 0 && timestamp === Math.floor(timestamp))) throw new DataError(path, line, `timestamp ${timestamp} is not a non-negative integer`);
      builder.push(u, m, rating, timestamp);
    },
    progress,
  );
  if (builder.length === 0) throw new DataError(path, 0, 'has no ratings');
  return builder.finish();
}
