/**
 * The quality of what the app serves, measured as a user would: split a release per user (stratified
 * 75/25), write the training part as a release folder, start the app on it (it trains its default
 * models, choosing the top-K model on its own validation split), fetch every test user's top-10 over
 * HTTP (`/api/users/:id/recommendations?k=10`, rated movies excluded by the app) and score the lists
 * with the library's list metrics, next to most-popular on the same split.
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
import { activeUsers, movieCounts, userItemsFromRatings } from '../models/user-items.ts';
import { startApp } from '../serve/app.ts';

/** What `measureServedLists` found. */
export interface ServedListQuality {
  dataset: string;
  served: ListMetrics;
  popular: ListMetrics;
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
  log?: (line: string) => void;
}

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
    const app = await startApp({ data: folder, db: join(work, 'app.db'), artifacts: join(work, 'models'), port: 0, host: '127.0.0.1', adminToken: 'measure', rateLimit: 1e9, log: options.log ?? (() => {}) });
    const trainSeconds = (performance.now() - started) / 1000;
    try {
      const fetchStarted = performance.now();
      const accumulator = new ListMetricsAccumulator(k, popularityRanks(movieCounts(train)));
      const movieRow = new Map(Array.from(ds.movies.id, (id, row) => [id, row]));
      const users = Array.from(activeUsers(test));
      const lists = new Map<number, Int32Array>();
      let next = 0;
      const worker = async () => {
        while (next < users.length) {
          const u = users[next++];
          const response = await fetch(`${app.url}/api/users/${ds.users.id[u]}/recommendations?k=${k}`);
          if (!response.ok) throw new Error(`GET recommendations of user ${ds.users.id[u]}: HTTP ${response.status} ${await response.text()}`);
          const body = (await response.json()) as { items: { movie: { id: number } }[] };
          lists.set(u, Int32Array.from(body.items, (item) => movieRow.get(item.movie.id)!));
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
      for (const u of users) accumulator.add(lists.get(u)!, test.movies.subarray(test.offsets[u], test.offsets[u + 1]));
      const popular = evaluateTopK(PopularityModel.fromUserItems(train), train, test, { k });
      const { seconds: _seconds, factorized: _factorized, ...popularLists } = popular;
      return {
        dataset: ds.name, served: accumulator.result(), popular: popularLists,
        models: app.context.models.current.models.description, trainSeconds, fetchSeconds: (performance.now() - fetchStarted) / 1000,
      };
    } finally {
      await app.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
