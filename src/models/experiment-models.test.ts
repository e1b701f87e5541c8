import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../engine/index.ts';
import type { Columns } from '../features/columns.ts';
import { Adagrad, Adam } from '../train/optimizers.ts';
import { Rng } from '../util/random.ts';
import type { MovieLensDataset } from '../data/schema.ts';
import { DcnModel } from './dcn.ts';
import { DotProductModel } from './dot-product.ts';
import { MultitaskModel } from './multitask.ts';
import { ListwiseModel, flattenLists, listLabelColumn } from './listwise.ts';
import { encodeLists, sampleListwise } from './listwise-lists.ts';

await initEngine();

/** Ratings with a learnable structure: rating = 1 + 4·sigmoid(u-factor · m-factor). */
function ratingsTable(n: number, users: number, movies: number, seed: number): Columns {
  const rng = new Rng(seed);
  const uf = Float32Array.from({ length: users }, () => rng.normal());
  const mf = Float32Array.from({ length: movies }, () => rng.normal());
  const user = new Int32Array(n);
  const movie = new Int32Array(n);
  const rating = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    user[i] = 1 + rng.int(users);
    movie[i] = 1 + rng.int(movies);
    rating[i] = 1 + 4 / (1 + Math.exp(-2 * uf[user[i] - 1] * mf[movie[i] - 1]));
  }
  return { length: n, features: { user_id: user, movie_id: movie, user_rating: rating } };
}

const towers = (dim: number) => ({
  user: { name: 'user', embeddings: [{ feature: 'user_id', inputDim: 31, outputDim: dim }], seed: 1 },
  movie: { name: 'movie', embeddings: [{ feature: 'movie_id', inputDim: 41, outputDim: dim }], seed: 2 },
});

test('DcnModel trains, and featureImportance gives one Frobenius norm per feature pair', async () => {
  const data = ratingsTable(2000, 30, 40, 1);
  const model = new DcnModel({
    features: [{ name: 'user_id', vocabularySize: 31 }, { name: 'movie_id', vocabularySize: 41 }],
    embeddingDim: 4, structure: 'stacked', crossLayers: 1, deepLayers: [16], label: 'user_rating', seed: 3,
  }).compile({ optimizer: new Adam({ learningRate: 0.01 }) });
  const before = model.evaluate(data, { batchSize: 1000 }).root_mean_squared_error;
  await model.fit(data, { epochs: 4, batchSize: 500, seed: 1 });
  const after = model.evaluate(data, { batchSize: 1000 }).root_mean_squared_error;
  assert.ok(after < before, `RMSE ${before} → ${after}`);
  const { features, norms } = model.featureImportance();
  assert.deepEqual(features, ['user_id', 'movie_id']);
  const kernel = (model.layers().find((l) => l.name === 'cross_0') as unknown as { fullKernel(): Float32Array }).fullKernel();
  // Block (0, 1): rows 0..3 (user_id), columns 4..7 (movie_id) of the 8 × 8 kernel.
  let sq = 0;
  for (let r = 0; r < 4; r++) for (let c = 4; c < 8; c++) sq += kernel[r * 8 + c] ** 2;
  assert.ok(Math.abs(norms[0][1] - Math.sqrt(sq)) < 1e-6);
  const deep = new DcnModel({ ...model.config, structure: 'deep' });
  assert.throws(() => deep.featureImportance(), /no cross layer/);
});

test('DotProductModel and MultitaskModel learn ratings; task weights must be valid', async () => {
  const data = ratingsTable(2000, 30, 40, 2);
  const rmse = (m: DotProductModel | MultitaskModel) => m.evaluate(data, { batchSize: 1000 }).root_mean_squared_error;
  const dot = new DotProductModel(towers(8)).compile({ optimizer: new Adagrad({ learningRate: 0.5 }) });
  const dotBefore = rmse(dot);
  await dot.fit(data, { epochs: 6, batchSize: 250, seed: 1 });
  assert.ok(rmse(dot) < 0.6 * dotBefore, `dot-product RMSE ${dotBefore} → ${rmse(dot)}`);
  const joint = new MultitaskModel({ ...towers(8), ratingLayers: [16, 1], ratingWeight: 1, retrievalWeight: 1, seed: 1 })
    .compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
  const jointBefore = rmse(joint);
  await joint.fit(data, { epochs: 3, batchSize: 250, seed: 1 });
  assert.ok(rmse(joint) < 0.6 * jointBefore, `joint RMSE ${jointBefore} → ${rmse(joint)}`);
  assert.equal(joint.queryEmbeddings(data).length, data.length * 8);
  assert.equal(joint.predict(data).length, data.length);
  assert.throws(() => new MultitaskModel({ ...towers(8), ratingLayers: [16, 1], ratingWeight: 0, retrievalWeight: 0 }), /not both 0/);
  assert.throws(() => new MultitaskModel({ ...towers(8), ratingLayers: [16, 2], ratingWeight: 1, retrievalWeight: 0 }), /last layer must have 1 unit/);
});

test('listwise: sampled lists, list columns, flattening and a model that ranks better after training', async () => {
  // A tiny dataset: 12 users × 10 movies, rating = a movie quality shared by everyone.
  const users = 12;
  const movies = 10;
  const user: number[] = [];
  const movie: number[] = [];
  const rating: number[] = [];
  for (let u = 0; u < users; u++) for (let m = 0; m < movies; m++) { user.push(u); movie.push(m); rating.push(1 + (m % 5)); }
  const ds = {
    name: 'tiny', ratings: { length: user.length, user: Int32Array.from(user), movie: Int32Array.from(movie), rating: Float32Array.from(rating), timestamp: new Float64Array(user.length) },
    users: { length: users, id: Int32Array.from({ length: users }, (_, i) => i + 1) },
    movies: { length: movies, id: Int32Array.from({ length: movies }, (_, i) => i + 1), title: [], genres: new Uint32Array(movies) },
  } as MovieLensDataset;
  const all = Int32Array.from(user.keys());
  const lists = sampleListwise(ds, all, { listsPerUser: 10, listSize: 4, seed: 1 });
  assert.equal(lists.users.length, users * 10);
  for (let l = 0; l < lists.users.length; l++) {
    const items = lists.movies.subarray(l * 4, l * 4 + 4);
    assert.equal(new Set(items).size, 4, 'a list holds distinct movies');
    items.forEach((m, i) => assert.equal(lists.ratings[l * 4 + i], 1 + (m % 5)));
  }
  const userCols: Columns = { length: users, features: { user_id: Int32Array.from({ length: users }, (_, i) => i + 1) } };
  const movieCols: Columns = { length: movies, features: { movie_id: Int32Array.from({ length: movies }, (_, i) => i + 1) } };
  const batch = encodeLists(lists, userCols, movieCols);
  assert.equal(batch.length, lists.users.length);
  assert.equal((batch.features[listLabelColumn(3)] as Float32Array)[0], lists.ratings[3]);
  const flat = flattenLists(batch, 4);
  assert.equal(flat.length, batch.length * 4);
  assert.deepEqual([...(flat.features.user_id as Int32Array).subarray(0, 4)], [1, 1, 1, 1]);
  assert.ok(!(listLabelColumn(0) in flat.features));

  const model = new ListwiseModel({
    loss: 'list_mle', listSize: 4,
    scorer: { tower: { name: 'items', embeddings: [{ feature: 'user_id', inputDim: 13, outputDim: 4 }, { feature: 'movie_id', inputDim: 11, outputDim: 4 }], seed: 1 }, layers: [8, 1], seed: 1 },
  }).compile({ optimizer: new Adagrad({ learningRate: 0.3 }) });
  const before = model.evaluate(batch, { batchSize: 64 }).ndcg;
  await model.fit(batch, { epochs: 12, batchSize: 40, seed: 1 });
  const after = model.evaluate(batch, { batchSize: 64 }).ndcg;
  assert.ok(after > before && after > 0.95, `NDCG ${before} → ${after}`);
  assert.ok(tf.memory().numTensors < 200);
  assert.throws(() => new ListwiseModel({ ...model.config, loss: 'nope' as 'mse' }), /unknown loss "nope"/);
});
