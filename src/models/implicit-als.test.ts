import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stratifiedSplit } from '../data/splits.ts';
import { evaluateTopK } from '../metrics/evaluate-top-k.ts';
import { randomDataset } from '../testing/random-dataset.ts';
import { ml100kTopKSplit } from '../testing/ml-100k-split.ts';
import { skipWithoutSharedData } from '../testing/shared-data.ts';
import { loadTopKModel, saveTopKModel } from '../train/top-k-artifact.ts';
import { ImplicitAlsModel } from './implicit-als.ts';
import { PopularityModel } from './popularity.ts';
import { recommendForHistory } from './top-k.ts';
import { historyOf, userItemsFromRatings } from './user-items.ts';

test('ImplicitAlsModel: scores by exact fold-in, a new rating changes the list, saves and loads, refuses bad options', async () => {
  const ds = randomDataset({ users: 200, movies: 150, perUser: 30, seed: 3 });
  const ui = userItemsFromRatings(ds);
  const als = ImplicitAlsModel.fit(ui, { factors: 8, regularization: 5, alpha: 5, iterations: 8 });
  const history = historyOf(ui, 5);
  const trained = als.scoreUsers(Int32Array.of(5));
  assert.deepEqual(als.scoreHistory(history), trained);
  const top = recommendForHistory(als, history, 10);
  const withNew = { movies: Int32Array.of(...history.movies, top[0]), ratings: Float32Array.of(...history.ratings, 5) };
  assert.notDeepEqual(recommendForHistory(als, withNew, 10), top, 'a new rating changes the list');
  assert.ok(!recommendForHistory(als, withNew, 10).includes(top[0]), 'the rated movie leaves the list');
  const dir = await mkdtemp(join(tmpdir(), 'maxella-ials-'));
  try {
    await saveTopKModel(join(dir, 'm'), als);
    const { model } = await loadTopKModel(join(dir, 'm'));
    assert.deepEqual(model.scoreHistory(history), trained);
    assert.throws(() => model.scoreUsers(Int32Array.of(5)), /loaded without its training interactions/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.throws(() => ImplicitAlsModel.fit(ui, { factors: 0 }), /factors must be a positive integer/);
  assert.throws(() => ImplicitAlsModel.fit(ui, { alpha: Number.NaN }), /alpha > 0/);
});

test('ImplicitAlsModel finds the taste groups of a random dataset (beats most-popular)', () => {
  const ds = randomDataset({ users: 300, movies: 200, perUser: 25, seed: 5 });
  const split = stratifiedSplit(ds, 0.75, 1);
  const train = userItemsFromRatings(ds, split.train);
  const test = userItemsFromRatings(ds, split.test);
  const als = evaluateTopK(ImplicitAlsModel.fit(train, { factors: 8, regularization: 5, alpha: 5 }), train, test);
  const popular = evaluateTopK(PopularityModel.fromUserItems(train), train, test);
  assert.ok(als.ndcg > 1.3 * popular.ndcg, `iALS ${als.ndcg} vs most-popular ${popular.ndcg}`);
});

test('ImplicitAlsModel on ML-100K (stratified 75/25, seed 42) beats most-popular by far', { skip: skipWithoutSharedData('ml-100k/u.data') }, async () => {
  const { train, test, popular: mostPopular } = await ml100kTopKSplit();
  const als = evaluateTopK(ImplicitAlsModel.fit(train, { factors: 32, regularization: 50, alpha: 5 }), train, test);
  const popular = evaluateTopK(mostPopular, train, test);
  console.log(`# ML-100K implicit ALS f=32 λ=50 α=5: nDCG@10 ${als.ndcg.toFixed(3)} P@10 ${als.precision.toFixed(3)}; most-popular ${popular.ndcg.toFixed(3)} / ${popular.precision.toFixed(3)}`);
  // Measured 0.482 / 0.422 (most-popular 0.243 / 0.223).
  assert.ok(als.ndcg > 0.47, `nDCG@10 ${als.ndcg}`);
  assert.ok(als.precision > 0.41, `P@10 ${als.precision}`);
  assert.ok(als.ndcg > 1.8 * popular.ndcg);
});
