/**
 * Reproduction of the TFRS basic retrieval and basic ranking tutorials on real ML-100K (80/20 random
 * split, seed 42). Yardsticks from a PyTorch reimplementation on the same kind of split (DESIGN.md):
 * retrieval top-100 ≈ 0.236, ranking RMSE ≈ 1.116 after 3 epochs. Tolerances: top-100 ≥ 0.20
 * (−15%: split and initialisation differ), RMSE ≤ 1.16 (+4%). Skips without ../shared data.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf, initEngine } from '../engine/index.ts';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import { readMovieLens } from '../data/readers/index.ts';
import { randomSplit } from '../data/splits.ts';
import type { MovieLensDataset } from '../data/schema.ts';
import { takeRows, type Columns } from '../features/columns.ts';
import { FactorizedTopK } from '../metrics/index.ts';
import { Ranking, Retrieval } from '../tasks/index.ts';
import { Adagrad } from '../train/optimizers.ts';
import { TwoTowerModel } from './two-tower.ts';
import { RankingModel } from './ranking.ts';

const skip = skipWithoutSharedData('ml-100k');
let ds: MovieLensDataset;
let train: Columns;
let testRows: Columns;

before(async () => {
  if (skip) return;
  await initEngine();
  ds = await readMovieLens(sharedDataPath('ml-100k')!);
  const r = ds.ratings;
  // Ids are dense row numbers; +1 keeps slot 0 for out-of-vocabulary, as a Keras StringLookup would.
  const all: Columns = {
    length: r.length,
    features: { user_id: r.user.map((u) => u + 1), movie_id: r.movie.map((m) => m + 1), user_rating: r.rating },
  };
  const split = randomSplit(r.length, [0.8, 0.2], 42);
  train = takeRows(all, split.train);
  testRows = takeRows(all, split.test);
});

test('TFRS basic retrieval on ML-100K: top-100 factorized accuracy ≥ 0.20 (PyTorch ≈ 0.236)', { skip }, async () => {
  const model = new TwoTowerModel({
    query: { name: 'user_model', embeddings: [{ feature: 'user_id', inputDim: ds.users.length + 1, outputDim: 32 }], seed: 1 },
    candidate: { name: 'movie_model', embeddings: [{ feature: 'movie_id', inputDim: ds.movies.length + 1, outputDim: 32 }], seed: 2 },
  }, new Retrieval());
  model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
  await model.fit(train, { epochs: 3, batchSize: 8192, seed: 42 });
  const movies: Columns = { length: ds.movies.length, features: { movie_id: Int32Array.from({ length: ds.movies.length }, (_, i) => i + 1) } };
  const metric = new FactorizedTopK({ candidates: { embeddings: model.candidateEmbeddings(movies), dim: 32, ids: movies.features.movie_id as Int32Array }, ks: [10, 100] });
  metric.update(model.queryEmbeddings(testRows), { trueCandidateIds: testRows.features.movie_id as Int32Array });
  const results = metric.results();
  metric.dispose();
  const top100 = Object.entries(results).find(([k]) => k.includes('top_100'))![1];
  console.log(`# retrieval ML-100K: ${JSON.stringify(results)}`);
  assert.ok(top100 >= 0.2, `top-100 ${top100} < 0.20`);
});

test('TFRS basic ranking on ML-100K: RMSE ≤ 1.16 (PyTorch ≈ 1.116)', { skip }, async () => {
  const model = new RankingModel({
    tower: {
      name: 'embeddings',
      embeddings: [
        { feature: 'user_id', inputDim: ds.users.length + 1, outputDim: 32 },
        { feature: 'movie_id', inputDim: ds.movies.length + 1, outputDim: 32 },
      ],
      seed: 3,
    },
    layers: [256, 64, 1],
    seed: 4,
  }, new Ranking());
  model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
  await model.fit(train, { epochs: 3, batchSize: 8192, seed: 42 });
  const logs = model.evaluate(testRows, { batchSize: 4096 });
  console.log(`# ranking ML-100K: ${JSON.stringify(logs)}`);
  const rmse = Object.entries(logs).find(([k]) => /root_mean_squared_error|rmse/.test(k))![1];
  assert.ok(rmse <= 1.16, `RMSE ${rmse} > 1.16`);
  assert.equal(tf.memory().numTensors < 100, true);
});
