import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choleskySolve } from '../engine/linalg.ts';
import { BiasedMatrixFactorization, ratingTriples, type RatingTriples } from './matrix-factorization.ts';
import { readMovieLens } from '../data/readers/index.ts';
import { foldSplit } from '../data/splits.ts';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import { PopularityModel } from './popularity.ts';
import { Rng } from '../util/random.ts';

/** Ratings drawn from a planted rank-3 model plus biases and noise; 80/20 split. */
function plantedRatings(seed: number): { train: RatingTriples; test: RatingTriples } {
  const rng = new Rng(seed);
  const numUsers = 120;
  const numMovies = 90;
  const k = 3;
  const p = Float32Array.from({ length: numUsers * k }, () => rng.normal() * 0.6);
  const q = Float32Array.from({ length: numMovies * k }, () => rng.normal() * 0.6);
  const bu = Float32Array.from({ length: numUsers }, () => rng.normal() * 0.3);
  const bm = Float32Array.from({ length: numMovies }, () => rng.normal() * 0.5);
  const rows: { u: number; m: number; r: number }[] = [];
  for (let u = 0; u < numUsers; u++) {
    for (let m = 0; m < numMovies; m++) {
      if (rng.next() > 0.4) continue;
      let r = 3.5 + bu[u] + bm[m] + rng.normal() * 0.1;
      for (let j = 0; j < k; j++) r += p[u * k + j] * q[m * k + j];
      rows.push({ u, m, r });
    }
  }
  rng.shuffle(rows);
  const cut = Math.floor(rows.length * 0.8);
  const pack = (part: typeof rows): RatingTriples => ({
    user: Int32Array.from(part, (x) => x.u), movie: Int32Array.from(part, (x) => x.m),
    rating: Float32Array.from(part, (x) => x.r), numUsers, numMovies,
  });
  return { train: pack(rows.slice(0, cut)), test: pack(rows.slice(cut)) };
}

test('choleskySolve solves a symmetric positive-definite system', () => {
  const a = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
  const x = [1, -2, 0.5];
  const b = Float64Array.from([0, 1, 2].map((i) => a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2]));
  choleskySolve(a, b, 3);
  b.forEach((v, i) => assert.ok(Math.abs(v - x[i]) < 1e-9, `x[${i}] = ${v}, expected ${x[i]}`));
  assert.throws(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), new Float64Array(2), 2), /not positive definite/);
});

test('ALS recovers a planted low-rank model far better than the biases alone', () => {
  const { train, test: held } = plantedRatings(7);
  const losses: number[] = [];
  const model = BiasedMatrixFactorization.fit(train, { factors: 3, regularization: 0.02, biasRegularization: 0.02, iterations: 10 },
    (_, m) => losses.push(m.rmse(train.user, train.movie, train.rating)));
  const biasOnly = BiasedMatrixFactorization.fit(train, { factors: 1, regularization: 1e6, iterations: 10 });
  const rmse = model.rmse(held.user, held.movie, held.rating);
  assert.ok(losses[losses.length - 1] <= losses[0], `training RMSE should fall: ${losses.join(', ')}`);
  assert.ok(rmse < 0.25, `test RMSE ${rmse}`);
  assert.ok(rmse < 0.5 * biasOnly.rmse(held.user, held.movie, held.rating), 'factors should beat the bias-only model');
});

test('foldIn gives a new user useful predictions, and save/load is bit-identical', () => {
  const { train, test: held } = plantedRatings(11);
  const model = BiasedMatrixFactorization.fit(train, { factors: 3, regularization: 0.02, biasRegularization: 0.02 });
  // Treat user 0 as brand new: fold in their training ratings, predict their test ratings.
  const trainRows = [...train.user.keys()].filter((i) => train.user[i] === 0);
  const testRows = [...held.user.keys()].filter((i) => held.user[i] === 0);
  const folded = model.foldIn(trainRows.map((i) => train.movie[i]), trainRows.map((i) => train.rating[i]));
  const predicted = model.predictFor(folded, testRows.map((i) => held.movie[i]));
  const foldedError = Math.sqrt(testRows.reduce((s, i, j) => s + (predicted[j] - held.rating[i]) ** 2, 0) / testRows.length);
  const meanError = Math.sqrt(testRows.reduce((s, i) => s + (model.globalMean - held.rating[i]) ** 2, 0) / testRows.length);
  assert.ok(foldedError < 0.5 * meanError, `fold-in RMSE ${foldedError} vs global mean ${meanError}`);

  const copy = BiasedMatrixFactorization.fromJSON(JSON.parse(JSON.stringify(model.toJSON())), model.weights());
  assert.deepEqual(copy.predict(held.user, held.movie), model.predict(held.user, held.movie));
  const bad = { ...model.weights(), movieBias: new Float32Array(3) };
  assert.throws(() => BiasedMatrixFactorization.fromJSON(model.toJSON(), bad), /movieBias has 3 values/);
});

test('PopularityModel ranks by training count and scores top-k accuracy', () => {
  const pop = PopularityModel.fit([2, 2, 2, 0, 0, 1], 4);
  assert.deepEqual([...pop.recommend(3)], [2, 0, 1]);
  assert.deepEqual([...pop.recommend(2, new Set([2]))], [0, 1]);
  const acc = pop.topKAccuracy([2, 0, 3, 1], [1, 2, 3]);
  assert.deepEqual(acc, { top_1: 0.25, top_2: 0.5, top_3: 0.75 });
  assert.throws(() => PopularityModel.fit([5], 4), /movie row 5 at index 0/);
});

test('ALS beats RMSE 0.93 on ML-100K u1.base → u1.test (DESIGN.md: biased ALS ≈ 0.932)', { skip: skipWithoutSharedData('ml-100k') }, async () => {
  const dir = sharedDataPath('ml-100k')!;
  const ds = await readMovieLens(dir);
  const fold = await foldSplit(ds, dir, 1);
  const model = BiasedMatrixFactorization.fit(ratingTriples(ds, fold.train));
  const test = ratingTriples(ds, fold.test);
  const rmse = model.rmse(test.user, test.movie, test.rating);
  assert.ok(rmse < 0.93, `u1 test RMSE ${rmse}`);
});
