/** Optimizer updates against hand-computed values (dense variables and sparse embedding rows). */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf, initEngine } from '../engine/index.ts';
import { Embedding } from '../layers/embedding.ts';
import { Adagrad, Adam, SGD, type Optimizer } from './optimizers.ts';

before(async () => {
  await initEngine();
});

function close(actual: ArrayLike<number>, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) < 5e-6, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
}

/** Two steps of `opt` on w = [1, -2] with gradients g1 = [0.5, -1], g2 = [0.1, 0.2]. */
function twoDenseSteps(opt: Optimizer): Float32Array {
  const w = tf.variable(tf.tensor1d([1, -2]));
  for (const g of [[0.5, -1], [0.1, 0.2]]) opt.applyGradients([{ variable: w, gradient: tf.tensor1d(g) }], []);
  return w.dataSync() as Float32Array;
}

test('Adagrad (lr 0.1): acc += g²; w -= lr·g/(√acc+ε), dense', () => {
  const lr = 0.1;
  const expected = [1, -2].map((w0, i) => {
    const g = [[0.5, -1], [0.1, 0.2]].map((s) => s[i]);
    let acc = 0.1;
    let w = w0;
    for (const gi of g) {
      acc += gi * gi;
      w -= (lr * gi) / (Math.sqrt(acc) + 1e-7);
    }
    return w;
  });
  close(twoDenseSteps(new Adagrad({ learningRate: lr })), expected, 'w');
});

test('Adam: Keras formula with bias-corrected step size, dense', () => {
  const [lr, b1, b2, eps] = [0.01, 0.9, 0.999, 1e-7];
  const expected = [1, -2].map((w0, i) => {
    let [m, v, w] = [0, 0, w0];
    [[0.5, -1], [0.1, 0.2]].forEach((s, t) => {
      const g = s[i];
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      w -= ((lr * Math.sqrt(1 - b2 ** (t + 1))) / (1 - b1 ** (t + 1))) * (m / (Math.sqrt(v) + eps));
    });
    return w;
  });
  close(twoDenseSteps(new Adam({ learningRate: lr })), expected, 'w');
});

test('SGD with momentum 0.9: v = μv − lr·g; w += v', () => {
  const expected = [1, -2].map((w0, i) => {
    let [v, w] = [0, w0];
    for (const s of [[0.5, -1], [0.1, 0.2]]) {
      v = 0.9 * v - 0.01 * s[i];
      w += v;
    }
    return w;
  });
  close(twoDenseSteps(new SGD({ momentum: 0.9 })), expected, 'w');
  close(twoDenseSteps(new SGD()), [1 - 0.01 * 0.6, -2 - 0.01 * -0.8], 'plain SGD');
});

test('sparse rows: only the rows in the batch change, with per-row accumulators; lazy Adam', () => {
  for (const opt of [new Adagrad({ learningRate: 0.5 }), new Adam({ learningRate: 0.5 })]) {
    const emb = new Embedding({ inputDim: 4, outputDim: 2, seed: 1 });
    const before = emb.table.slice();
    opt.applyGradients([], [{ embedding: emb, gradient: { ids: Int32Array.from([2]), rows: Float32Array.from([1, -1]) } }]);
    for (const row of [0, 1, 3]) close(emb.table.subarray(row * 2, row * 2 + 2), Array.from(before.subarray(row * 2, row * 2 + 2)), `untouched row ${row}`);
    const step1 = opt.className === 'Adagrad' ? 0.5 / Math.sqrt(1.1) : 0.5; // Adam's first step is lr·sign(g)
    close(emb.table.subarray(4, 6), [before[4] - step1, before[5] + step1], `${opt.className} row 2`);
  }
  // Second Adagrad step on the same row uses that row's accumulator (0.1 + 1 + 1).
  const emb = new Embedding({ inputDim: 3, outputDim: 1, seed: 2 });
  const w0 = emb.table[1];
  const opt = new Adagrad({ learningRate: 1 });
  for (let s = 0; s < 2; s++) opt.applyGradients([], [{ embedding: emb, gradient: { ids: Int32Array.from([1]), rows: Float32Array.from([1]) } }]);
  close([emb.table[1]], [w0 - 1 / Math.sqrt(1.1) - 1 / Math.sqrt(2.1)], 'accumulated row');
});
