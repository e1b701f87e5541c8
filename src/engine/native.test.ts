/** The optional native kernels (native/blas) agree with the pure-wasm kernels they replace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, initEngine } from './index.ts';
import { loadNativeBlas, nativeKernelsActive, NATIVE_BLAS_PATH, setNativeKernelsEnabled } from './native.ts';
import { denseForward, softmaxCrossEntropyWithLogits } from './kernels.ts';
import { Rng } from '../util/random.ts';
import { Embedding } from '../layers/embedding.ts';
import { Adagrad, Adam, SGD } from '../train/optimizers.ts';

const backend = await initEngine();
function skipReason(): string | false {
  if (nativeKernelsActive()) return false;
  if (process.env.MAXELLA_NATIVE === '0') return 'native kernels disabled by MAXELLA_NATIVE=0';
  if (backend !== 'wasm') return `native kernels are for the wasm backend, not ${backend}`;
  return loadNativeBlas() ? 'native kernels not registered' : `native addon absent (${NATIVE_BLAS_PATH}): build it with npm run setup`;
}
const skip = skipReason();

/** Runs `f` with the native kernels on and off and returns both results as arrays. */
function bothWays(f: () => tf.Tensor | tf.Tensor[]): [Float32Array[], Float32Array[]] {
  const run = (on: boolean) => {
    setNativeKernelsEnabled(on);
    try {
      return tf.tidy(() => [f()].flat().map((t) => t.dataSync() as Float32Array));
    } finally {
      setNativeKernelsEnabled(true);
    }
  };
  return [run(true), run(false)];
}

function assertClose(native: Float32Array[], wasm: Float32Array[], tolerance: number, what: string): void {
  assert.equal(native.length, wasm.length);
  native.forEach((values, t) => {
    assert.equal(values.length, wasm[t].length, `${what}: output ${t} size`);
    for (let i = 0; i < values.length; i++) {
      const [a, b] = [values[i], wasm[t][i]];
      const ok = (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));
      assert.ok(ok, `${what}: output ${t} element ${i}: native ${a}, wasm ${b}`);
    }
  });
}

const rng = new Rng(7);
const random = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => rng.normal()), shape);

test('native BatchMatMul equals wasm for every transpose flag, batched and broadcast inputs', { skip }, () => {
  for (const [m, k, n] of [[3, 4, 5], [64, 33, 17], [1, 7, 1], [9, 1, 6]]) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      const a = random(ta ? [k, m] : [m, k]);
      const b = random(tb ? [n, k] : [k, n]);
      assertClose(...bothWays(() => tf.matMul(a, b, ta, tb)), 1e-5, `[${m},${k},${n}] ta=${ta} tb=${tb}`);
      tf.dispose([a, b]);
    }
  }
  const x = random([3, 5, 4]);
  const y = random([3, 6, 4]);
  const one = random([1, 4, 2]);
  assertClose(...bothWays(() => tf.matMul(x, y, false, true)), 1e-5, 'batched');
  assertClose(...bothWays(() => tf.matMul(x, one)), 1e-5, 'broadcast b');
  assertClose(...bothWays(() => tf.matMul(one, tf.transpose(y, [0, 2, 1]), true, false)), 1e-5, 'broadcast a');
  tf.dispose([x, y, one]);
});

test('native Exp, Sum and Max equal wasm (axes first/last/middle, keepDims, extremes, NaN)', { skip }, () => {
  const x = tf.mul(random([4, 5, 6]), 30);
  const extremes = tf.tensor1d([0, -1, 1, 88, 89, -87, -88, -104, 1e-8, NaN, Infinity, -Infinity]);
  assertClose(...bothWays(() => tf.exp(x)), 2e-6, 'exp');
  assertClose(...bothWays(() => tf.exp(extremes)), 2e-6, 'exp extremes');
  for (const axis of [0, 1, 2, [0, 1], [1, 2], -1]) {
    assertClose(...bothWays(() => tf.sum(x, axis)), 1e-5, `sum axis ${axis}`);
    assertClose(...bothWays(() => tf.max(x, axis, true)), 0, `max axis ${axis}`);
  }
  assertClose(...bothWays(() => tf.sum(x, [0, 2])), 1e-5, 'sum of non-adjacent axes (fallback)');
  assertClose(...bothWays(() => tf.max(tf.tensor2d([[1, NaN, 3], [4, 5, 6]]), 1)), 0, 'max with NaN');
  tf.dispose([x, extremes]);
});

test('native Concat and SplitV equal wasm on every axis, float32 and int32', { skip }, () => {
  const a = random([4, 3, 2]);
  const b = random([4, 5, 2]);
  const c = random([4, 1, 2]);
  assertClose(...bothWays(() => tf.concat([a, b, c], 1)), 0, 'concat axis 1');
  assertClose(...bothWays(() => tf.concat([a, a], 0)), 0, 'concat axis 0');
  assertClose(...bothWays(() => tf.concat([a, b], -2)), 0, 'concat negative axis');
  assertClose(...bothWays(() => tf.concat([tf.cast(a, 'int32'), tf.cast(c, 'int32')], 1)), 0, 'concat int32');
  assertClose(...bothWays(() => tf.split(b, [1, 3, 1], 1)), 0, 'split axis 1');
  assertClose(...bothWays(() => tf.split(b, 2, 2)), 0, 'split last axis');
  assertClose(...bothWays(() => tf.split(b, [3, 1], 0)), 0, 'split axis 0');
  const grad = () => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.concat([x, tf.mul(x, 2)], 1), tf.concat([b, b], 1))))(b);
  assertClose(...bothWays(grad), 1e-6, 'concat gradient');
  tf.dispose([a, b, c]);
});

test('native TopK equals wasm: values, indices, ties by lower index, k = n', { skip }, () => {
  const x = random([7, 50]);
  const ties = tf.tensor2d([[1, 3, 3, 2, 3, 0], [5, 5, 5, 5, 5, 5]]);
  for (const k of [1, 5, 50]) assertClose(...bothWays(() => Object.values(tf.topk(x, k))), 0, `topk k=${k}`);
  assertClose(...bothWays(() => Object.values(tf.topk(ties, 4))), 0, 'topk ties');
  assertClose(...bothWays(() => Object.values(tf.topk(tf.reshape(x, [350]), 3))), 0, 'topk of a vector');
  // Big enough to split rows over threads; rounded values make many ties across buffer cuts.
  const big = tf.round(tf.mul(random([300, 1000]), 20));
  for (const k of [1, 10, 100]) assertClose(...bothWays(() => Object.values(tf.topk(big, k))), 0, `threaded topk k=${k}`);
  // Rows of at least 8k values take the sampled threshold; all-equal rows overflow it and stream instead.
  const long = random([40, 3706]);
  const flat = tf.concat([tf.ones([3, 2000]), tf.round(tf.mul(random([3, 2000]), 3))]);
  for (const k of [10, 100, 463]) assertClose(...bothWays(() => Object.values(tf.topk(long, k))), 0, `sampled topk k=${k}`);
  for (const k of [1, 10, 200]) assertClose(...bothWays(() => Object.values(tf.topk(flat, k))), 0, `sampled topk with ties k=${k}`);
  tf.dispose([x, ties, big, long, flat]);
});

test('the fused softmax cross-entropy equals the tfjs-op formula, loss and gradient', { skip }, () => {
  const logits = tf.mul(random([6, 9]), 4) as tf.Tensor2D;
  const labels = tf.tensor2d(Float32Array.from({ length: 54 }, (_, i) => (i % 10 === 0 ? 1 : i % 7 === 0 ? 0.5 : 0)), [6, 9]);
  const weights = random([6]);
  const lossAndGradient = () => {
    const f = (x: tf.Tensor) => tf.sum(tf.mul(softmaxCrossEntropyWithLogits(labels, x as tf.Tensor2D), weights));
    const { value, grad } = tf.valueAndGrad(f)(logits);
    return [softmaxCrossEntropyWithLogits(labels, logits), value, grad];
  };
  assertClose(...bothWays(lossAndGradient), 1e-5, 'fused cross-entropy');
  tf.dispose([logits, labels, weights]);
});

test('native Add, Sub, Multiply (equal shapes, bias, scalar, either side), Relu and Step equal wasm', { skip }, () => {
  const x = random([6, 5]);
  const bias = random([5]);
  const row = random([1, 5]);
  const scalar = random([]);
  const special = tf.tensor1d([NaN, -0, 0, -1, 2, Infinity, -Infinity]);
  const [column, row4] = [random([3, 1]), random([1, 4])];
  for (const [name, op] of [['add', tf.add], ['sub', tf.sub], ['mul', tf.mul]] as const) {
    for (const [label, y] of [['equal', random([6, 5])], ['bias', bias], ['row', row], ['scalar', scalar]] as const) {
      assertClose(...bothWays(() => op(x, y)), 0, `${name} ${label}`);
      assertClose(...bothWays(() => op(y, x)), 0, `${name} ${label} first`);
    }
    assertClose(...bothWays(() => op(column, row4)), 0, `${name} outer broadcast (falls back)`);
    assertClose(...bothWays(() => op(bias, tf.reshape(scalar, [1, 1]))), 0, `${name} a higher-rank scalar`);
  }
  for (const t of [x, special]) {
    assertClose(...bothWays(() => tf.relu(t)), 0, 'relu');
    assertClose(...bothWays(() => tf.step(t)), 0, 'step');
    assertClose(...bothWays(() => tf.step(t, 0.25)), 0, 'step alpha');
  }
  tf.dispose([x, bias, row, scalar, special, column, row4]);
});

test('the fused dense forward (native _FusedMatMul) equals matMul + bias + relu, value and gradients', { skip }, () => {
  const x = random([9, 6]) as tf.Tensor2D;
  const kernel = random([6, 4]) as tf.Tensor2D;
  const bias = random([4]) as tf.Tensor1D;
  for (const activation of ['linear', 'relu'] as const) {
    for (const withBias of [true, false]) {
      const weights = tf.reshape(tf.range(-18, 18), [9, 4]);
      const f = (a: tf.Tensor, b: tf.Tensor, c?: tf.Tensor) => tf.sum(tf.mul(denseForward(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Tensor1D | undefined, activation), weights));
      const inputs = withBias ? [x, kernel, bias] : [x, kernel];
      assertClose(...bothWays(() => [denseForward(x, kernel, withBias ? bias : undefined, activation), ...tf.grads(f)(inputs)]), 1e-5, `dense ${activation} bias=${withBias}`);
      weights.dispose();
    }
  }
  tf.dispose([x, kernel, bias]);
});

test('native embedding gathers, gradient sums and optimizer rows equal the JS ones', { skip }, () => {
  const run = (on: boolean) => {
    setNativeKernelsEnabled(on);
    try {
      const out: Float32Array[] = [];
      for (const optimizer of [new Adagrad({ learningRate: 0.1 }), new Adam({ learningRate: 0.01 }), new SGD({ learningRate: 0.1, momentum: 0.9 }), new SGD()]) {
        const embedding = new Embedding({ inputDim: 50, outputDim: 7, seed: 3 });
        const weight = tf.variable(tf.tensor2d(Float32Array.from({ length: 12 }, (_, i) => i / 10 - 0.5), [3, 4]));
        const local = new Rng(11);
        for (let step = 0; step < 3; step++) {
          const ids = Int32Array.from({ length: 40 }, () => local.int(50));
          out.push(embedding.lookup(ids));
          embedding.pushGradient(ids, Float32Array.from({ length: 40 * 7 }, () => local.normal()));
          embedding.pushGradient(ids.subarray(0, 5), Float32Array.from({ length: 5 * 7 }, () => local.normal()));
          // Strided: row i of the gradient at 10·i + 2, as a column block of a 5-row × 10 matrix.
          embedding.pushGradient(ids.subarray(5, 10), Float32Array.from({ length: 50 }, () => local.normal()).subarray(2), 10);
          out.push(embedding.lookupInto(ids.subarray(0, 4), new Float32Array(4 * 9), 9));
          const gradient = embedding.takeGradient();
          assert.ok(gradient);
          out.push(gradient.rows.slice(), Float32Array.from(gradient.ids));
          const dense = tf.tensor2d(Float32Array.from({ length: 12 }, () => local.normal()), [3, 4]);
          optimizer.applyGradients([{ variable: weight, gradient: dense }], [{ embedding, gradient }]);
          dense.dispose();
        }
        out.push(embedding.table.slice(), weight.dataSync() as Float32Array);
        weight.dispose();
      }
      assert.throws(() => new Embedding({ inputDim: 5, outputDim: 2 }).lookup(Int32Array.from([1, 5])), /id 5 at position 1 is outside \[0, 5\)/);
      return out;
    } finally {
      setNativeKernelsEnabled(true);
    }
  };
  assertClose(run(true), run(false), 1e-5, 'embedding and optimizer');
});

test('native kernels leave no tensors or buffers behind', { skip }, () => {
  const a = random([20, 30]);
  const before = tf.engine().backend.numDataIds();
  tf.tidy(() => {
    tf.matMul(a, a, true, false);
    tf.sum(tf.exp(a), 0);
    tf.max(a, 1);
  });
  assert.equal(tf.engine().backend.numDataIds(), before);
  a.dispose();
});
