/**
 * The two-tower model for top-K lists on real ML-100K (per-user stratified 75/25, seed 42): in-batch
 * softmax over-samples popular movies as negatives, so without a correction its lists are niche and
 * far below most-popular; the logQ correction (`samplingProbabilityFeature`) fixes most of that.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { readMovieLens } from '../data/readers/index.ts';
import { stratifiedSplit } from '../data/splits.ts';
import { initEngine } from '../engine/index.ts';
import { MovieLensEncoder } from '../features/movielens.ts';
import { evaluateTopK } from '../metrics/evaluate-top-k.ts';
import { Retrieval } from '../tasks/retrieval.ts';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import { Adam } from '../train/optimizers.ts';
import { PopularityModel } from './popularity.ts';
import type { TopKRecommender } from './top-k.ts';
import { TwoTowerModel } from './two-tower.ts';
import { userItemsFromRatings } from './user-items.ts';

const DIM = 32;

before(async () => {
  await initEngine();
});

test('two-tower top-10 lists on ML-100K: the logQ correction lifts nDCG@10 from below most-popular to well above it', { skip: skipWithoutSharedData('ml-100k/u.data'), timeout: 300_000 }, async () => {
  const ds = await readMovieLens(sharedDataPath('ml-100k')!);
  const split = stratifiedSplit(ds, 0.75, 42);
  const train = userItemsFromRatings(ds, split.train);
  const test = userItemsFromRatings(ds, split.test);
  const encoder = new MovieLensEncoder({ features: ['user_id', 'movie_id'] }).adapt(ds, split.train);
  const columns = encoder.encode(ds, split.train);
  const counts = new Float32Array(ds.movies.length);
  for (const r of split.train) counts[ds.ratings.movie[r]]++;
  columns.features.sampling_probability = Float32Array.from(split.train, (r) => counts[ds.ratings.movie[r]] / split.train.length);
  const movies = encoder.encodeMovies(ds);
  const users = encoder.encodeUsers(ds);

  const fitAndScore = async (logQ: boolean): Promise<number> => {
    const tower = (name: string, feature: 'user_id' | 'movie_id', seed: number) => ({ name, seed, embeddings: [{ feature, inputDim: encoder.vocabularySize(feature), outputDim: DIM }] });
    const model = new TwoTowerModel(
      { query: tower('user', 'user_id', 1), candidate: tower('movie', 'movie_id', 2), candidateIdFeature: 'movie_id', ...(logQ ? { samplingProbabilityFeature: 'sampling_probability' } : {}) },
      new Retrieval({ temperature: 0.05, removeAccidentalHits: true }),
    );
    model.compile({ optimizer: new Adam({ learningRate: 0.003 }) });
    await model.fit(columns, { epochs: 10, batchSize: 1024, seed: 42 });
    const movieEmbeddings = model.candidateEmbeddings(movies);
    const userEmbeddings = model.queryEmbeddings(users);
    const n = ds.movies.length;
    const lists: TopKRecommender = {
      className: 'TwoTowerLists', numUsers: ds.users.length, numMovies: n, getConfig: () => ({}), getArrays: () => ({}),
      scoreHistory: () => { throw new Error('not used'); },
      scoreUsers: (rows) => {
        const out = new Float32Array(rows.length * n);
        rows.forEach((u, i) => {
          for (let m = 0; m < n; m++) {
            let s = 0;
            for (let k = 0; k < DIM; k++) s += userEmbeddings[u * DIM + k] * movieEmbeddings[m * DIM + k];
            out[i * n + m] = s;
          }
        });
        return out;
      },
    };
    return evaluateTopK(lists, train, test).ndcg;
  };
  const plain = await fitAndScore(false);
  const corrected = await fitAndScore(true);
  const popular = evaluateTopK(PopularityModel.fromUserItems(train), train, test).ndcg;
  console.log(`# ML-100K two-tower nDCG@10: in-batch softmax ${plain.toFixed(3)}, with logQ ${corrected.toFixed(3)}; most-popular ${popular.toFixed(3)}`);
  // Measured 0.065 without and 0.369 with the correction (most-popular 0.243); 0.376 at 20 epochs.
  assert.ok(plain < popular, `without the correction ${plain} (most-popular ${popular})`);
  assert.ok(corrected > 1.3 * popular, `with logQ ${corrected} (most-popular ${popular})`);
});
