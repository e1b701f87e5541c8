import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../engine/index.ts';
import { AUC, FactorizedTopK, MeanAbsoluteError, MRR, NDCG, RecallAtK, RootMeanSquaredError, type CandidateSet } from './index.ts';

await initEngine('cpu');

const near = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-6, `expected ${expected}, got ${actual}`);

test('RMSE and MAE stream over batches, with weights, and reset', () => {
  const rmse = new RootMeanSquaredError();
  rmse.update([1, 2], tf.tensor1d([2, 2]));
  rmse.update(new Float32Array([3]), [5]);
  near(rmse.result(), Math.sqrt(5 / 3));
  rmse.reset();
  rmse.update([1, 2, 3], [2, 2, 5], [1, 1, 0]);
  near(rmse.result(), Math.sqrt(0.5));
  const mae = new MeanAbsoluteError();
  mae.update([1, 2, 3], [2, 2, 5]);
  near(mae.result(), 1);
  assert.throws(() => mae.update([1], [1, 2]), /mean_absolute_error.update: 1 labels, 2 predictions/);
});

test('AUC is exact, ties count one half', () => {
  const auc = new AUC();
  auc.update([1, 0], [0.9, 0.8]);
  auc.update([1, 0], [0.3, 0.3]);
  near(auc.result(), 2.5 / 4);
  auc.reset();
  auc.update([1, 1], [0.1, 0.2]);
  assert.ok(Number.isNaN(auc.result()), 'one class only: undefined');
});

test('NDCG, MRR and Recall@k on hand-ranked lists, ties in list order, padding and empty lists skipped', () => {
  // Ranked by score the labels read [2, 0, 1, 3]; the padded item (−1) and the all-zero list are ignored.
  const labels = [[3, 2, 0, 1, -1], [0, 0, 0, 0, 0]];
  const scores = [[0.1, 0.4, 0.3, 0.2, 9], [1, 2, 3, 4, 5]];
  const dcg = 3 + 1 / 2 + 7 / Math.log2(5);
  const idealDcg = 7 + 3 / Math.log2(3) + 1 / 2;
  const cases: [NDCG | MRR | RecallAtK, number][] = [
    [new NDCG(), dcg / idealDcg],
    [new NDCG(2), 3 / (7 + 3 / Math.log2(3))],
    [new MRR(), 1],
    [new RecallAtK(2), 1 / 3],
  ];
  for (const [metric, expected] of cases) {
    metric.update(labels, tf.tensor2d(scores));
    near(metric.result(), expected);
  }
  const tied = new MRR();
  tied.update([[0, 1]], [[1, 1]]);
  near(tied.result(), 0.5);
  const masked = new RecallAtK(1);
  masked.update([[0, 1, 1]], [[5, 1, 0]], [[0, 1, 1]]);
  near(masked.result(), 0.5);
  assert.equal(new NDCG(5).name, 'ndcg_5');
});

// Candidates ids 10..13. Query (1, 0.5) scores 1, 0.5, 1.5, −1; query (0, 1) scores 0, 1, 1, 0.
const candidates: CandidateSet = { embeddings: new Float32Array([1, 0, 0, 1, 1, 1, -1, 0]), dim: 2, ids: new Int32Array([10, 11, 12, 13]) };
const queries = new Float32Array([1, 0.5, 0, 1]);

test('FactorizedTopK ranks the true candidate against all candidates (id- and score-based)', () => {
  const byId = new FactorizedTopK({ candidates, ks: [1, 2] });
  byId.update(tf.tensor2d(queries, [2, 2]), { trueCandidateIds: new Int32Array([10, 11]) });
  // Query 0: one candidate (row 2) above → miss@1, hit@2. Query 1: a tie only → hit@1.
  const expected = { 'factorized_top_k/top_1_categorical_accuracy': 0.5, 'factorized_top_k/top_2_categorical_accuracy': 1 };
  assert.deepEqual(byId.results(), expected);
  byId.update(queries.subarray(0, 2), { trueCandidateIds: new Int32Array([99]) });
  near(byId.result(), 2 / 3);
  const byScore = new FactorizedTopK({ candidates, ks: [1, 2] });
  byScore.update(queries, { trueCandidateEmbeddings: new Float32Array([1, 0, 0, 1]) });
  assert.deepEqual(byScore.results(), expected);
  assert.throws(() => byScore.update(queries, {}), /trueCandidateIds or trueCandidateEmbeddings/);
});

test('FactorizedTopK excludes seen rows (never the positive) and re-reads candidates after reset', () => {
  let current = candidates;
  const metric = new FactorizedTopK({ candidates: () => current, ks: [1], excludeSeen: (user) => (user === 7 ? [2, 0] : undefined) });
  metric.update(queries.subarray(0, 2), { trueCandidateIds: new Int32Array([10]), queryIds: new Int32Array([7]) });
  near(metric.result(), 1);
  metric.update(queries.subarray(0, 2), { trueCandidateIds: new Int32Array([10]), queryIds: new Int32Array([8]) });
  near(metric.result(), 0.5);
  metric.reset();
  current = { ...candidates, embeddings: new Float32Array([5, 0, 0, 1, 1, 1, -1, 0]) };
  metric.update(queries.subarray(0, 2), { trueCandidateIds: new Int32Array([10]), queryIds: new Int32Array([8]) });
  near(metric.result(), 1);
  assert.throws(() => metric.update(queries.subarray(0, 2), { trueCandidateIds: new Int32Array([10]) }), /needs queryIds/);
});

test('FactorizedTopK keeps its candidates across tf.tidy scopes (updates inside training/evaluation steps)', () => {
  const metric = new FactorizedTopK({ candidates, ks: [1, 2] });
  for (let step = 0; step < 3; step++) tf.tidy(() => metric.update(tf.tensor2d(queries, [2, 2]), { trueCandidateIds: new Int32Array([10, 11]) }));
  assert.deepEqual(metric.results(), { 'factorized_top_k/top_1_categorical_accuracy': 0.5, 'factorized_top_k/top_2_categorical_accuracy': 1 });
  const before = tf.memory().numTensors;
  metric.reset();
  assert.equal(tf.memory().numTensors, before - 1, 'reset frees the kept candidate matrix');
});
