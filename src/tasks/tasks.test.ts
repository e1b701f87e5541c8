import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../engine/index.ts';
import { checkGradient, listMLE } from '../losses/index.ts';
import { AUC, FactorizedTopK, NDCG } from '../metrics/index.ts';
import { Ranking, Retrieval } from './index.ts';

await initEngine('cpu');

const near = (actual: number, expected: number, tolerance = 1e-5) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);
const value = (t: tf.Scalar) => t.dataSync()[0];

// In-batch scores Q·Cᵀ: row 0 = [1, 1, 2], row 1 = [0, 1, 0]; positives on the diagonal.
const queries = tf.tensor2d([[1, 0], [0, 1]]);
const twoCandidates = tf.tensor2d([[1, 0], [1, 1]]);
const threeCandidates = tf.tensor2d([[1, 0], [1, 1], [2, 0]]);

test('Retrieval loss: summed in-batch softmax, temperature, mean reduction', () => {
  near(value(new Retrieval().call(queries, twoCandidates)), Math.LN2 + Math.log(1 + Math.exp(-1)));
  near(value(new Retrieval({ temperature: 0.5 }).call(queries, twoCandidates)), Math.LN2 + Math.log(1 + Math.exp(-2)));
  near(value(new Retrieval({ lossReduction: 'mean' }).call(queries, twoCandidates)), (Math.LN2 + Math.log(1 + Math.exp(-1))) / 2);
});

test('Retrieval logQ correction subtracts log p from each candidate column', () => {
  const loss = new Retrieval().call(queries, twoCandidates, { candidateSamplingProbability: new Float32Array([0.5, 0.25]) });
  // Corrected rows [1 + ln2, 1 + ln4] and [ln2, 1 + ln4].
  near(value(loss), Math.log(3) + Math.log(1 + Math.exp(-1 - Math.LN2)));
  assert.throws(() => new Retrieval().call(queries, twoCandidates, { candidateSamplingProbability: new Float32Array([0.5]) }), /1 candidate sampling probabilities for 2/);
});

test('Retrieval removes accidental hits and mines hard negatives', () => {
  const withoutRemoval = Math.log(2 + Math.E) + Math.log(2 + Math.E) - 1;
  near(value(new Retrieval().call(queries, threeCandidates)), withoutRemoval);
  // Candidate 2 shares id 5 with query 0's positive, so row 0 keeps only columns 0 and 1.
  const removal = new Retrieval({ removeAccidentalHits: true });
  near(value(removal.call(queries, threeCandidates, { candidateIds: new Int32Array([5, 6, 5]) })), Math.LN2 + Math.log(2 + Math.E) - 1);
  assert.throws(() => removal.call(queries, threeCandidates), /needs candidateIds/);
  // One hard negative: row 0 keeps column 2 (score 2); row 1's tie (0, 0) keeps column 0.
  near(value(new Retrieval({ numHardNegatives: 1 }).call(queries, threeCandidates)), Math.log(1 + Math.E) + Math.log(1 + Math.exp(-1)));
  near(value(new Retrieval({ numHardNegatives: 5 }).call(queries, threeCandidates)), withoutRemoval);
});

test('Retrieval loss gradient matches central differences', () => {
  const task = new Retrieval({ temperature: 0.7, numHardNegatives: 1, removeAccidentalHits: true });
  const candidateIds = new Int32Array([5, 6, 5]);
  const { maxRelativeError } = checkGradient((q) => task.call(q as tf.Tensor2D, threeCandidates, { candidateIds }), tf.tensor2d([[0.3, -0.2], [0.1, 0.4]]));
  assert.ok(maxRelativeError < 2e-3, `gradient off by ${maxRelativeError}`);
});

test('Retrieval updates factorized top-K and batch metrics under TFRS names', () => {
  const candidates = { embeddings: new Float32Array([1, 0, 1, 1, 2, 0]), dim: 2, ids: new Int32Array([5, 6, 7]) };
  const auc = new AUC('batch_auc');
  const task = new Retrieval({ metrics: new FactorizedTopK({ candidates, ks: [1, 3] }), batchMetrics: [auc] });
  task.call(queries, twoCandidates, { candidateIds: new Int32Array([5, 6]), computeMetrics: false });
  assert.deepEqual(task.metricResults()['factorized_top_k/top_1_categorical_accuracy'], 0);
  task.resetMetrics();
  task.call(queries, twoCandidates, { candidateIds: new Int32Array([5, 6]) });
  // Query 0 (scores 1, 1, 2): candidate 7 beats its true candidate 5; query 1 (0, 1, 0): 6 is best.
  const results = task.metricResults();
  assert.equal(results['factorized_top_k/top_1_categorical_accuracy'], 0.5);
  assert.equal(results['factorized_top_k/top_3_categorical_accuracy'], 1);
  near(results.batch_auc, 0.75); // in-batch scores [[1, 1], [0, 1]] with identity labels
});

test('Ranking: MSE and RMSE by default; any loss and list metrics plug in', () => {
  const task = new Ranking();
  const loss = task.call(tf.tensor2d([[1], [2]]), tf.tensor2d([[1.5], [2]]));
  near(value(loss), 0.125);
  near(task.metricResults().root_mean_squared_error, Math.sqrt(0.125));
  task.resetMetrics();
  assert.equal(task.metricResults().root_mean_squared_error, 0);
  const listwise = new Ranking({ loss: listMLE, metrics: [new NDCG(2)] });
  near(value(listwise.call(tf.tensor2d([[2, 1, 0]]), tf.tensor2d([[1, 2, 3]]))), 3.720867651962603);
  assert.ok(listwise.metricResults().ndcg_2 > 0);
});
