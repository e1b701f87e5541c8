import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../engine/index.ts';
import { Rng } from '../util/random.ts';
import {
  approxNDCG, binaryCrossEntropy, checkGradient, listMLE, meanSquaredError, pairwiseHinge, pairwiseLogistic,
  softmaxCrossEntropy, softmaxListwise,
} from './index.ts';

await initEngine('cpu');

const near = (actual: number, expected: number, tolerance = 1e-5) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);
const value = (t: tf.Scalar) => t.dataSync()[0];
const m = (rows: number[][]) => tf.tensor2d(rows);

test('pointwise losses match hand-computed values', () => {
  near(value(meanSquaredError(tf.tensor1d([1, 2, 3]), tf.tensor1d([1.5, 2, 1]))), 4.25 / 3);
  near(value(meanSquaredError(tf.tensor1d([1, 2, 3]), tf.tensor1d([1.5, 2, 1]), { sampleWeight: tf.tensor1d([1, 0, 2]) })), 8.25 / 3);
  near(value(meanSquaredError(m([[1], [3]]), m([[2], [3]]), { reduction: 'sum' })), 1);
  near(value(binaryCrossEntropy(tf.tensor1d([1, 0]), tf.tensor1d([0, 2]), { fromLogits: true })), (Math.LN2 + Math.log(1 + Math.E ** 2)) / 2);
  near(value(binaryCrossEntropy(tf.tensor1d([1, 0]), tf.tensor1d([0.5, 0.9]))), (Math.LN2 - Math.log(0.1)) / 2);
  assert.ok(Number.isFinite(value(binaryCrossEntropy(tf.tensor1d([1]), tf.tensor1d([0])))), 'probabilities are clipped');
  assert.throws(() => meanSquaredError(tf.tensor1d([1, 2]), tf.tensor1d([1])), /does not match/);
});

test('softmax cross-entropy sums (TFRS retrieval) or averages', () => {
  const labels = m([[0, 0, 1], [1, 0, 0]]);
  const logits = m([[1, 2, 3], [0, 0, 0]]);
  const expected = Math.log(1 + Math.exp(-1) + Math.exp(-2)) + Math.log(3);
  near(value(softmaxCrossEntropy(labels, logits)), expected);
  near(value(softmaxCrossEntropy(labels, logits, { reduction: 'mean' })), expected / 2);
});

test('listwise and pairwise losses match hand-computed values, padding ignored', () => {
  // The padded item (label −1) would dominate every loss if it were counted.
  const labels = m([[2, 1, 0, -1]]);
  near(value(listMLE(labels, m([[1, 2, 3, 100]]))), 3.720867651962603);
  near(value(listMLE(m([[2, 1, 0, 5]]), m([[1, 2, 3, 100]]), { mask: m([[1, 1, 1, 0]]) })), 3.720867651962603);
  near(value(softmaxListwise(m([[1, 0, 1], [0, 0, 0]]), m([[0, 0, 0], [5, 1, 2]]))), 2 * Math.log(3));
  near(value(approxNDCG(m([[2, 1, -1]]), m([[1, 0, 9]]), { temperature: 1 })), -0.8890123717913907);
  near(value(pairwiseHinge(m([[2, 1, 0, -1]]), m([[0.5, 1, -1, 7]]))), 0.5);
  near(value(pairwiseLogistic(m([[2, 1, 0, -1]]), m([[0.5, 1, -1, 7]]))), 0.4341394244019439);
});

test('approxNDCG approaches −NDCG as the temperature falls', () => {
  // A perfect ordering has NDCG 1.
  near(value(approxNDCG(m([[3, 2, 0]]), m([[3, 2, 1]]), { temperature: 0.01 })), -1, 1e-4);
});

test('every loss has the gradient central differences give', () => {
  const rng = new Rng(7);
  const random = (rows: number, cols: number) => tf.tensor2d(Array.from({ length: rows * cols }, () => rng.normal()), [rows, cols]);
  const grades = m([[2, 0, 1, -1], [0, 1, 3, 2], [1, 1, 0, 0]]);
  const binary = m([[1, 0, 0, 1], [0, 1, 0, 0], [0, 0, 1, 0]]);
  const cases: Record<string, (x: tf.Tensor) => tf.Scalar> = {
    meanSquaredError: (x) => meanSquaredError(grades, x),
    binaryCrossEntropyLogits: (x) => binaryCrossEntropy(binary, x, { fromLogits: true }),
    binaryCrossEntropyProbabilities: (x) => binaryCrossEntropy(binary, tf.sigmoid(x)),
    softmaxCrossEntropy: (x) => softmaxCrossEntropy(binary, x as tf.Tensor2D),
    listMLE: (x) => listMLE(grades, x as tf.Tensor2D),
    softmaxListwise: (x) => softmaxListwise(grades, x as tf.Tensor2D),
    approxNDCG: (x) => approxNDCG(grades, x as tf.Tensor2D, { temperature: 0.5 }),
    pairwiseLogistic: (x) => pairwiseLogistic(grades, x as tf.Tensor2D),
    pairwiseHinge: (x) => pairwiseHinge(grades, x as tf.Tensor2D),
  };
  for (const [name, f] of Object.entries(cases)) {
    const { maxRelativeError } = checkGradient(f, random(3, 4));
    assert.ok(maxRelativeError < 2e-3, `${name}: gradient off by ${maxRelativeError}`);
  }
});
