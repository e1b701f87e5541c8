/**
 * Where tests find the real MovieLens files: `$MAXELLA_SHARED_DATA` or `../shared/data/movielens`
 * beside the repository. The files are not redistributable, so they are never in the repo; tests that
 * need them call `sharedDataDir(name)` and skip, saying why, when they are absent.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder holding ml-100k/, ml-1m/ (may not exist). */
export const SHARED_MOVIELENS = process.env.MAXELLA_SHARED_DATA ?? join(repoRoot, '..', 'shared', 'data', 'movielens');

/**
 * The path of `name` (e.g. "ml-100k" or "ml-1m/movies.dat") under the shared data folder, or
 * `undefined` when it is missing. Use as `{ skip: skipReason(name) }` in node:test options.
 */
export function sharedDataPath(name: string): string | undefined {
  const p = join(SHARED_MOVIELENS, name);
  return existsSync(p) ? p : undefined;
}

/** A skip message for node:test when `name` is missing, else false. */
export function skipWithoutSharedData(name: string): string | false {
  return sharedDataPath(name) ? false : `needs ${join(SHARED_MOVIELENS, name)} (MovieLens files are not in the repo)`;
}
