/** The wasm kernel fixes of kernels.ts: buffer-sharing Identity/Cast, the Sum gradient, the fused cross-entropy and dense forward. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, initEngine } from './index.ts';
import { denseForward, softmaxCrossEntropyWithLogits } from './kernels.ts';
import { nativeKernelsActive, setNativeKernelsEnabled } from './native.ts';
import { Rng } from '../util/random.ts';

await initEngine();
const rng = new Rng(3);
const random = (shape: number[], scale = 1) =>
  tf.tensor(Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => scale * rng.normal()), shape);

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

test('Identity and same-dtype Cast return equal values, and disposing either keeps the other', () => {
  const x = random([3, 4]);
  const values = x.dataSync().slice();
  const copies = [tf.clone(x), tf.cast(x, 'float32'), tf.cast(tf.cast(x, 'int32'), 'float32')];
  x.dispose();
  const same = (got: tf.Tensor, want: ArrayLike<number>) => assert.ok(Array.from(got.dataSync()).every((v, i) => v === want[i]));
  same(copies[0], values);
  same(copies[1], values);
  same(copies[2], Float32Array.from(values, (v) => Math.trunc(v)));
  const before = tf.memory().numTensors;
  tf.dispose(copies);
  assert.equal(tf.memory().numTensors, before - 3);
});

test('the Sum gradient broadcasts dy over the reduced axes (keepDims or not)', () => {
  const x = random([3, 4, 5]);
  const weights = random([3, 4, 5]);
  for (const [axis, keepDims] of [[0, false], [1, true], [[0, 2], false], [-1, true], [undefined, false]] as const) {
    // d/dx Σ (sum(x, axis) · w') where w' = sum(w, axis): every x element gets its slice's w'.
    const grad = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.sum(a, axis as number | number[] | undefined, keepDims), tf.sum(weights, axis as number | number[] | undefined, keepDims))))(x);
    const axes = axis === undefined ? [0, 1, 2] : tf.util.parseAxisParam(axis as number | number[], x.shape);
    const expected = tf.add(tf.zerosLike(x), tf.sum(weights, axes, true));
    assert.ok(maxDifference(grad, expected) < 1e-5, `axis ${axis} keepDims ${keepDims}`);
    tf.dispose([grad, expected]);
  }
  tf.dispose([x, weights]);
});

test('softmaxCrossEntropyWithLogits equals −Σ y·logSoftmax(x) and its gradient softmax(x)·Σy − y', () => {
  const logits = random([5, 7], 5) as tf.Tensor2D;
  const labels = tf.tensor2d(Float32Array.from({ length: 35 }, (_, i) => (i % 8 === 0 ? 1 : i % 5 === 0 ? 0.25 : 0)), [5, 7]);
  const loss = softmaxCrossEntropyWithLogits(labels, logits);
  const expected = tf.neg(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), 1));
  assert.deepEqual(loss.shape, [5]);
  assert.ok(maxDifference(loss, expected) < 1e-4);
  const dy = random([5]);
  const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(softmaxCrossEntropyWithLogits(labels, x as tf.Tensor2D), dy)))(logits);
  const want = tf.mul(tf.sub(tf.mul(tf.softmax(logits), tf.sum(labels, 1, true)), labels), tf.reshape(dy, [5, 1]));
  assert.ok(maxDifference(grad, want) < 1e-5);
  const huge = softmaxCrossEntropyWithLogits(tf.eye(2), tf.tensor2d([[1000, -1000], [0, 3e38 / 100]]));
  assert.ok(huge.dataSync().every(Number.isFinite), 'stable for huge logits');
  assert.throws(() => softmaxCrossEntropyWithLogits(labels, tf.zeros([5, 6])), /labels \[5,7\] and logits \[5,6\] differ/);
  tf.dispose([logits, labels, loss, expected, dy, grad, want, huge]);
});

test('denseForward equals matMul + bias (+ relu): values and gradients, with the native kernels and without', () => {
  const x = random([33, 6]) as tf.Tensor2D;
  const kernel = random([6, 5]) as tf.Tensor2D;
  const bias = random([5]) as tf.Tensor1D;
  const weights = random([33, 5]);
  const modes = nativeKernelsActive() ? [true, false] : [false];
  for (const native of modes) {
    setNativeKernelsEnabled(native);
    try {
      for (const activation of ['linear', 'relu'] as const) {
        for (const withBias of [true, false]) {
          const plain = (a: tf.Tensor, b: tf.Tensor, c?: tf.Tensor) => {
            const y = c ? tf.add(tf.matMul(a, b), c) : tf.matMul(a, b);
            return tf.sum(tf.mul(activation === 'relu' ? tf.relu(y) : y, weights));
          };
          const fused = (a: tf.Tensor, b: tf.Tensor, c?: tf.Tensor) => tf.sum(tf.mul(denseForward(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Tensor1D | undefined, activation), weights));
          const inputs = withBias ? [x, kernel, bias] : [x, kernel];
          const what = `native ${native}, ${activation}, bias ${withBias}`;
          tf.tidy(() => {
            const y = denseForward(x, kernel, withBias ? bias : undefined, activation);
            assert.deepEqual(y.shape, [33, 5], what);
            const want = withBias ? tf.add(tf.matMul(x, kernel), bias) : tf.matMul(x, kernel);
            assert.ok(maxDifference(y, activation === 'relu' ? tf.relu(want) : want) < 1e-5, `${what}: value`);
            const got = tf.grads(fused)(inputs);
            tf.grads(plain)(inputs).forEach((g, i) => assert.ok(maxDifference(got[i], g) < 1e-4, `${what}: gradient ${i}`));
          });
        }
      }
    } finally {
      setNativeKernelsEnabled(true);
    }
  }
  tf.dispose([x, kernel, bias, weights]);
});
