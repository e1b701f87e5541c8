/**
 * Evaluates a top-K recommender on a split: for every user with held-out movies (or a seeded sample
 * of them), the model scores all movies in batches (`scoreUsers`), the user's training movies are
 * excluded, and the top k feed the list metrics of `lists.ts`. The same scores also give TFRS'
 * FactorizedTopK accuracy (a held-out pair is a hit at k when it is in the top k with seen movies
 * kept), so the seeds' retrieval tables can be read against it. Beyond the scoring the cost is
 * O(evaluated users × (movies · log k + k)): linear in the data.
 */
import { Rng } from '../util/random.ts';
import { topKRows, type TopKRecommender, type UserItems } from '../models/top-k.ts';
import { activeUsers, movieCounts } from '../models/user-items.ts';
import { ListMetricsAccumulator, popularityRanks, type ListMetrics } from './lists.ts';

/** Options of `evaluateTopK`. */
export interface EvaluateTopKOptions {
  /** List length (default 10). */
  k?: number;
  /** Users scored per `scoreUsers` call (default 256). */
  batchSize?: number;
  /** Evaluate a seeded random sample of this many test users (default: all). */
  sampleUsers?: number;
  seed?: number;
  /** Also compute FactorizedTopK accuracy (seen movies kept) at these k (e.g. [10, 100]). */
  factorizedKs?: readonly number[];
}

/** List metrics, plus `factorized` top-k accuracy when asked for and the seconds it took. */
export interface TopKEvaluation extends ListMetrics {
  /** FactorizedTopK accuracy by name (`top_10`, `top_100`, ...), seen movies kept. */
  factorized: Record<string, number>;
  seconds: number;
}

/** Scores `model`'s top-k lists for the users of `test`, excluding each user's `train` movies. */
export function evaluateTopK(model: TopKRecommender, train: UserItems, test: UserItems, options: EvaluateTopKOptions = {}): TopKEvaluation {
  const started = performance.now();
  const k = options.k ?? 10;
  const batchSize = options.batchSize ?? 256;
  const factorizedKs = options.factorizedKs ?? [];
  if (train.numMovies !== test.numMovies || model.numMovies !== test.numMovies) {
    throw new Error(`evaluateTopK: train has ${train.numMovies} movies, test ${test.numMovies}, the model ${model.numMovies}`);
  }
  let users = activeUsers(test);
  if (options.sampleUsers !== undefined && options.sampleUsers < users.length) {
    users = new Rng(options.seed ?? 42).shuffle(users.slice()).slice(0, options.sampleUsers).sort();
  }
  const metrics = new ListMetricsAccumulator(k, popularityRanks(movieCounts(train)));
  const maxFactorized = Math.max(0, ...factorizedKs);
  const factorizedHits = new Float64Array(factorizedKs.length);
  let factorizedPairs = 0;
  const numMovies = model.numMovies;
  for (let start = 0; start < users.length; start += batchSize) {
    const batch = users.subarray(start, start + batchSize);
    const scores = model.scoreUsers(batch);
    batch.forEach((u, i) => {
      const row = scores.subarray(i * numMovies, (i + 1) * numMovies);
      const relevant = test.movies.subarray(test.offsets[u], test.offsets[u + 1]);
      if (maxFactorized > 0) {
        const rankOf = new Map(Array.from(topKRows(row, maxFactorized), (m, r) => [m, r]));
        for (const m of relevant) {
          const r = rankOf.get(m);
          factorizedKs.forEach((fk, j) => { if (r !== undefined && r < fk) factorizedHits[j]++; });
        }
        factorizedPairs += relevant.length;
      }
      for (let p = train.offsets[u]; p < train.offsets[u + 1]; p++) row[train.movies[p]] = Number.NaN;
      metrics.add(topKRows(row, k), relevant);
    });
  }
  const factorized = Object.fromEntries(factorizedKs.map((fk, j) => [`top_${fk}`, factorizedPairs ? factorizedHits[j] / factorizedPairs : 0]));
  return { ...metrics.result(), factorized, seconds: (performance.now() - started) / 1000 };
}
