/** Finite-difference gradient checks for every layer, plus shape/semantics checks. */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { tf, initEngine } from '../engine/index.ts';
import { Rng } from '../util/random.ts';
import { Dense } from './dense.ts';
import { MLP } from './mlp.ts';
import { Cross } from './cross.ts';
import { concatenatedRows, Embedding, EmbeddingBag } from './embedding.ts';
import { Dropout } from './dropout.ts';

before(async () => {
  await initEngine();
});

function randomTensor(shape: [number, number], seed: number): tf.Tensor2D {
  const rng = new Rng(seed);
  const data = new Float32Array(shape[0] * shape[1]).map(() => rng.normal());
  return tf.tensor2d(data, shape);
}

/** Central difference of `loss` (computed in float64 from a float32 tensor) w.r.t. every element of `param`. */
function numericGradient(loss: () => number, param: Float32Array, write: () => void, h = 1e-2): Float64Array {
  const out = new Float64Array(param.length);
  for (let i = 0; i < param.length; i++) {
    const old = param[i];
    param[i] = old + h;
    write();
    const up = loss();
    param[i] = old - h;
    write();
    const down = loss();
    param[i] = old;
    write();
    out[i] = (up - down) / (2 * h);
  }
  return out;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    assert.ok(err < tol, `${what}[${i}]: analytic ${actual[i]} vs numeric ${expected[i]}`);
  }
}

/** Checks d(sum(f() ⊙ R))/dv for every dense variable against finite differences. */
function checkDenseVariables(variables: tf.Variable[], forward: () => tf.Tensor2D, tol = 2e-2): void {
  const probe = tf.tidy(() => forward());
  const weights = randomTensor(probe.shape as [number, number], 7);
  probe.dispose();
  const lossTensor = () => tf.sum(tf.mul(forward(), weights)) as tf.Scalar;
  const lossValue = () => tf.tidy(() => lossTensor().dataSync()[0]);
  const { grads } = tf.variableGrads(lossTensor, variables);
  for (const v of variables) {
    const analytic = grads[v.name].dataSync();
    const values = v.dataSync().slice() as Float32Array;
    const numeric = numericGradient(lossValue, values, () => tf.tidy(() => v.assign(tf.tensor(values, v.shape))));
    assertClose(analytic, numeric, tol, `variable ${v.name}`);
  }
  tf.dispose([weights, ...Object.values(grads)]);
}

test('Dense: output shape, Glorot range, finite-difference gradients (kernel and bias)', () => {
  const dense = new Dense({ units: 3, activation: 'tanh', inputDim: 4, seed: 1 });
  const limit = Math.sqrt(6 / 7);
  for (const w of dense.kernel!.dataSync()) assert.ok(Math.abs(w) <= limit);
  const x = randomTensor([5, 4], 2);
  assert.deepEqual(dense.apply(x).shape, [5, 3]);
  checkDenseVariables(dense.variables(), () => dense.apply(x));
});

test('Dense: gradient with respect to the input', () => {
  const dense = new Dense({ units: 2, activation: 'sigmoid', seed: 3 });
  const x = randomTensor([3, 4], 4);
  const r = randomTensor([3, 2], 5);
  const f = (input: tf.Tensor) => tf.sum(tf.mul(dense.apply(input as tf.Tensor2D), r)) as tf.Scalar;
  const analytic = tf.grad(f)(x).dataSync();
  const values = x.dataSync().slice() as Float32Array;
  let current = x;
  const numeric = numericGradient(() => tf.tidy(() => f(current).dataSync()[0]), values, () => {
    current = tf.tensor2d(values, [3, 4]);
  });
  assertClose(analytic, numeric, 2e-2, 'dx');
});

test('MLP: layer sizes, L2 penalty, finite-difference gradients', () => {
  const mlp = new MLP([5, 3, 1], { activation: 'tanh', inputDim: 4, l2: 0.01, seed: 9 });
  assert.deepEqual(mlp.dense.map((d) => d.kernel!.shape), [[4, 5], [5, 3], [3, 1]]);
  const x = randomTensor([6, 4], 10);
  assert.deepEqual(mlp.apply(x).shape, [6, 1]);
  const expectedL2 = 0.01 * mlp.dense.reduce((s, d) => s + Array.from(d.kernel!.dataSync()).reduce((a, w) => a + w * w, 0), 0);
  assert.ok(Math.abs(mlp.regularizationLoss()!.dataSync()[0] - expectedL2) < 1e-5);
  checkDenseVariables(mlp.variables(), () => mlp.apply(x));
});

test('Dense maxNorm keeps every unit’s incoming weight norm ≤ maxNorm', () => {
  const dense = new Dense({ units: 3, inputDim: 50, seed: 2, maxNorm: 0.5 });
  dense.applyConstraints();
  const k = dense.kernel!.dataSync();
  for (let j = 0; j < 3; j++) {
    let n = 0;
    for (let i = 0; i < 50; i++) n += k[i * 3 + j] ** 2;
    assert.ok(Math.sqrt(n) <= 0.5 + 1e-5);
  }
});

test('Dropout: identity at inference, zeroes ≈ rate and rescales while training', () => {
  const drop = new Dropout(0.5, 1);
  const x = tf.ones([100, 10]) as tf.Tensor2D;
  assert.equal(drop.apply(x, false), x);
  const y = drop.apply(x, true).dataSync();
  const zeros = y.filter((v) => v === 0).length;
  assert.ok(zeros > 400 && zeros < 600, `${zeros} zeros`);
  assert.ok(y.every((v) => v === 0 || v === 2));
});

for (const projectionDim of [undefined, 2]) {
  test(`Cross (${projectionDim ? 'low-rank' : 'full'}): TFRS formula and finite-difference gradients`, () => {
    const cross = new Cross({ projectionDim, diagScale: 0.5, inputDim: 4, seed: 11 });
    const x0 = randomTensor([3, 4], 12);
    const x = randomTensor([3, 4], 13);
    // Formula check: x0 ⊙ (x·K + b + diag·x) + x, with the exposed full kernel K (bias starts at 0).
    const k = tf.tensor2d(cross.fullKernel(), [4, 4]);
    const expected = tf.add(tf.mul(x0, tf.add(tf.matMul(x, k), tf.mul(0.5, x))), x);
    assertClose(cross.apply(x0, x).dataSync(), expected.dataSync(), 1e-5, 'output');
    assert.equal(cross.variables().length, projectionDim ? 3 : 2);
    checkDenseVariables(cross.variables(), () => cross.apply(x0, x));
  });
}

test('Embedding: rows, sparse gradient equals finite differences, duplicate ids summed', () => {
  const emb = new Embedding({ inputDim: 6, outputDim: 3, seed: 5 });
  for (const w of emb.table) assert.ok(Math.abs(w) <= 0.05);
  const ids = Int32Array.from([1, 4, 1, 0, 1]);
  assert.deepEqual(Array.from(emb.lookup(ids).subarray(0, 3)), Array.from(emb.table.subarray(3, 6)));
  const r = randomTensor([5, 3], 6);
  const lossTensor = () => tf.sum(tf.mul(tf.tanh(emb.apply(ids)), r)) as tf.Scalar;
  const { grads } = tf.variableGrads(lossTensor, [emb.anchor]);
  tf.dispose(Object.values(grads));
  const grad = emb.takeGradient()!;
  assert.deepEqual(Array.from(grad.ids), [1, 4, 0]);
  const dense = new Float32Array(emb.table.length);
  grad.ids.forEach((id, i) => dense.set(grad.rows.subarray(i * 3, i * 3 + 3), id * 3));
  const numeric = numericGradient(() => tf.tidy(() => lossTensor().dataSync()[0]), emb.table, () => {});
  emb.clearGradients();
  assertClose(dense, numeric, 2e-2, 'table gradient');
  assert.throws(() => emb.lookup(Int32Array.from([6])), /outside \[0, 6\)/);
});

test('concatenatedRows equals tf.concat of each apply, and splits its gradient per table', () => {
  const make = () => [new Embedding({ inputDim: 7, outputDim: 3, seed: 1 }), new Embedding({ inputDim: 5, outputDim: 2, seed: 2 })];
  const ids = [Int32Array.from([1, 6, 1, 0]), Int32Array.from([4, 4, 2, 0])];
  const r = randomTensor([4, 5], 9);
  const gradients = (tables: Embedding[], forward: () => tf.Tensor2D) => {
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(tf.tanh(forward()), r)) as tf.Scalar, tables.map((t) => t.anchor));
    tf.dispose(Object.values(grads));
    return tables.flatMap((t) => { const g = t.takeGradient()!; return [...g.ids, ...g.rows]; });
  };
  const [a, b] = make();
  const [c, d] = make();
  assertClose(concatenatedRows([a, b], ids).dataSync(), tf.concat([c.apply(ids[0]), d.apply(ids[1])], 1).dataSync(), 1e-7, 'rows');
  assertClose(gradients([a, b], () => concatenatedRows([a, b], ids)), gradients([c, d], () => tf.concat([c.apply(ids[0]), d.apply(ids[1])], 1) as tf.Tensor2D), 1e-6, 'gradients');
  assert.throws(() => concatenatedRows([a, b], [ids[0], ids[1].subarray(1)]), /column 1 has 3 ids, column 0 4/);
  assert.throws(() => concatenatedRows([a, b], [ids[0], Int32Array.from([4, 4, 5, 0])]), /id 5 at position 2 is outside \[0, 5\)/);
  r.dispose();
});

test('EmbeddingBag: masked mean pooling and its sparse gradient', () => {
  const bag = new EmbeddingBag({ inputDim: 5, outputDim: 2, seed: 8 });
  const column = { width: 3, values: Int32Array.from([1, 2, 0, 3, 3, 3, 0, 0, 0, 2, 4, 1]) };
  const pooled = bag.apply(column).dataSync();
  const t = bag.table.table;
  assert.ok(Math.abs(pooled[0] - (t[2] + t[4]) / 2) < 1e-6);
  assert.ok(Math.abs(pooled[2] - t[6]) < 1e-6);
  assert.equal(pooled[4], 0);
  const r = randomTensor([4, 2], 3);
  const lossTensor = () => tf.sum(tf.mul(tf.sin(bag.apply(column)), r)) as tf.Scalar;
  const { grads } = tf.variableGrads(lossTensor, [bag.table.anchor]);
  tf.dispose(Object.values(grads));
  const grad = bag.table.takeGradient()!;
  assert.ok(!grad.ids.includes(0), 'the mask row gets no gradient');
  const dense = new Float32Array(t.length);
  grad.ids.forEach((id, i) => dense.set(grad.rows.subarray(i * 2, i * 2 + 2), id * 2));
  const numeric = numericGradient(() => tf.tidy(() => lossTensor().dataSync()[0]), t, () => {});
  bag.table.clearGradients();
  assertClose(dense, numeric, 2e-2, 'bag gradient');
});
