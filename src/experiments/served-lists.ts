/**
 * The quality of what the app serves, measured as a user would: split a release per user (stratified
 * 75/25), write the training part as a release folder, start the app on it (it trains its default
 * models, choosing the top-K model on its own validation split), fetch every test user's top-10 over
 * HTTP (`/api/users/:id/recommendations?k=10`, rated movies excluded by the app) and score the lists
 * with the library's list metrics, next to most-popular on the same split.
 *
 * Then, as those users keep rating: a seeded `newRatingShare` of each test user's held-out ratings is
 * posted through the API (`POST /api/users/:id/ratings`), their lists are fetched again, and scored on
 * the held-out movies they have not rated yet (everything they rated excluded), next to most-popular
 * on the same movies. This is the path every app user takes after their first new rating.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMovieLens } from '../data/readers/index.ts';
import { stratifiedSplit } from '../data/splits.ts';
import { writeRatingsFolder } from '../data/write-ratings.ts';
import { evaluateTopK } from '../metrics/evaluate-top-k.ts';
import { ListMetricsAccumulator, popularityRanks, type ListMetrics } from '../metrics/lists.ts';
import { PopularityModel } from '../models/popularity.ts';
import { topKRows, type UserItems } from '../models/top-k.ts';
import { activeUsers, movieCounts, userItemsFromRatings } from '../models/user-items.ts';
import { startApp } from '../serve/app.ts';
import { Rng } from '../util/random.ts';

/** What `measureServedLists` found. */
export interface ServedListQuality {
  dataset: string;
  served: ListMetrics;
  popular: ListMetrics;
  /** After the test users posted `newRatingShare` of their held-out ratings: the served lists on the rest, and most-popular's. */
  afterNewRatings: { ratingsPosted: number; served: ListMetrics; popular: ListMetrics };
  /** The app's description of its models (which top-K model it chose). */
  models: string;
  trainSeconds: number;
  fetchSeconds: number;
}

/** Options of `measureServedLists`. */
export interface ServedListOptions {
  seed?: number;
  trainFraction?: number;
  k?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Share of each test user's held-out ratings posted through the API before the second fetch (default 0.2). */
  newRatingShare?: number;
  log?: (line: string) => void;
}

const ADMIN_TOKEN = 'measure';

/** Measures the app's served lists on release folder `dir` (see the module comment). */
export async function measureServedLists(dir: string, options: ServedListOptions = {}): Promise<ServedListQuality> {
  const k = options.k ?? 10;
  const ds = await readMovieLens(dir);
  const split = stratifiedSplit(ds, options.trainFraction ?? 0.75, options.seed ?? 42);
  const train = userItemsFromRatings(ds, split.train);
  const test = userItemsFromRatings(ds, split.test);
  const work = await mkdtemp(join(tmpdir(), 'maxella-served-'));
  try {
    const folder = await writeRatingsFolder(dir, ds, split.train, join(work, ds.name));
    const started = performance.now();
    const app = await startApp({ data: folder, db: join(work, 'app.db'), artifacts: join(work, 'models'), port: 0, host: '127.0.0.1', adminToken: ADMIN_TOKEN, rateLimit: 1e9, writeRateLimit: 1e9, log: options.log ?? (() => {}) });
    const trainSeconds = (performance.now() - started) / 1000;
    try {
      const fetchStarted = performance.now();
      const movieRow = new Map(Array.from(ds.movies.id, (id, row) => [id, row]));
      const fetchLists = async (users: number[]): Promise<Map<number, Int32Array>> => {
        const lists = new Map<number, Int32Array>();
        await inParallel(users, options.concurrency ?? 8, async (u) => {
          const response = await fetch(`${app.url}/api/users/${ds.users.id[u]}/recommendations?k=${k}`);
          if (!response.ok) throw new Error(`GET recommendations of user ${ds.users.id[u]}: HTTP ${response.status} ${await response.text()}`);
          const body = (await response.json()) as { items: { movie: { id: number } }[] };
          lists.set(u, Int32Array.from(body.items, (item) => movieRow.get(item.movie.id)!));
        });
        return lists;
      };
      const users = Array.from(activeUsers(test));
      const lists = await fetchLists(users);
      const ranks = popularityRanks(movieCounts(train));
      const mostPopular = PopularityModel.fromUserItems(train);
      const served = new ListMetricsAccumulator(k, ranks);
      for (const u of users) served.add(lists.get(u)!, test.movies.subarray(test.offsets[u], test.offsets[u + 1]));
      const { seconds: _seconds, factorized: _factorized, ...popular } = evaluateTopK(mostPopular, train, test, { k });
      const fetchSeconds = (performance.now() - fetchStarted) / 1000;

      // The same users keep rating: post a share of their held-out ratings, fetch again, score on the rest.
      const { posted, remaining } = splitHeldOut(test, users, options.newRatingShare ?? 0.2, options.seed ?? 42);
      await inParallel(users, options.concurrency ?? 8, async (u) => {
        for (const p of posted.get(u) ?? []) {
          const response = await fetch(`${app.url}/api/users/${ds.users.id[u]}/ratings`, {
            method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
            body: JSON.stringify({ movieId: ds.movies.id[test.movies[p]], rating: test.ratings[p] }),
          });
          if (!response.ok) throw new Error(`POST a rating of user ${ds.users.id[u]}: HTTP ${response.status} ${await response.text()}`);
        }
      });
      const rest = [...remaining.keys()];
      const listsAfter = await fetchLists(rest);
      const popularity = mostPopular.scoreHistory();
      const servedAfter = new ListMetricsAccumulator(k, ranks);
      const popularAfter = new ListMetricsAccumulator(k, ranks);
      for (const u of rest) {
        const rated = new Set([...train.movies.subarray(train.offsets[u], train.offsets[u + 1]), ...(posted.get(u) ?? []).map((p) => test.movies[p])]);
        servedAfter.add(listsAfter.get(u)!, remaining.get(u)!);
        popularAfter.add(topKRows(popularity, k, rated), remaining.get(u)!);
      }
      return {
        dataset: ds.name, served: served.result(), popular,
        afterNewRatings: { ratingsPosted: [...posted.values()].reduce((n, p) => n + p.length, 0), served: servedAfter.result(), popular: popularAfter.result() },
        models: app.context.models.current.models.description, trainSeconds, fetchSeconds,
      };
    } finally {
      await app.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * A seeded `share` of each user's held-out interactions (positions into `test`; at least one, and never
 * all of them), and the movies left for scoring; users with a single held-out movie are left out.
 */
function splitHeldOut(test: UserItems, users: number[], share: number, seed: number): { posted: Map<number, number[]>; remaining: Map<number, Int32Array> } {
  const rng = new Rng(seed);
  const posted = new Map<number, number[]>();
  const remaining = new Map<number, Int32Array>();
  for (const u of users) {
    const positions = rng.shuffle(Array.from({ length: test.offsets[u + 1] - test.offsets[u] }, (_, i) => test.offsets[u] + i));
    const count = positions.length < 2 ? 0 : Math.min(positions.length - 1, Math.max(1, Math.round(share * positions.length)));
    if (count === 0) continue;
    posted.set(u, positions.slice(0, count));
    remaining.set(u, Int32Array.from(positions.slice(count), (p) => test.movies[p]));
  }
  return { posted, remaining };
}

/** Runs `work` over `items` with at most `concurrency` calls in flight. */
async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
