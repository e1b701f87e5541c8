/** The engine: backend selection and the transpose-free wasm matMul wrapper. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, initEngine } from './index.ts';
import { fastMatMulInstalled } from './kernels.ts';
import { Rng } from '../util/random.ts';

/** A plain JS product of row-major matrices with optional transposes (the reference). */
function reference(a: Float32Array, b: Float32Array, [m, k, n]: number[], ta: boolean, tb: boolean): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
      out[i * n + j] = s;
    }
  return out;
}

test('initEngine is idempotent and picks wasm here (tfjs-node is not installed)', async () => {
  const name = await initEngine();
  assert.equal(await initEngine('cpu'), name);
  if (!process.env.MAXELLA_BACKEND) assert.equal(name, 'wasm');
  if (name === 'wasm' && process.env.MAXELLA_FAST_MATMUL !== '0') assert.ok(fastMatMulInstalled());
  assert.ok(tf.getGradient(tf.BatchMatMul), 'gradients are registered');
});

test('matMul with every transpose flag, both rewrite routes, and batched inputs, equals a JS reference', async () => {
  await initEngine();
  const rng = new Rng(1);
  // [m, k, n]: small×big shapes take the swapped route (transposing B and the output), others the direct route.
  for (const [m, k, n] of [[3, 4, 5], [40, 30, 2], [2, 30, 40]]) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      const a = Float32Array.from({ length: m * k }, () => rng.normal());
      const b = Float32Array.from({ length: k * n }, () => rng.normal());
      const got = tf.tidy(() => tf.matMul(tf.tensor2d(a, ta ? [k, m] : [m, k]), tf.tensor2d(b, tb ? [n, k] : [k, n]), ta, tb).dataSync());
      const want = reference(a, b, [m, k, n], ta, tb);
      for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) < 1e-4, `[${m},${k},${n}] ta=${ta} tb=${tb} at ${i}`);
    }
  }
  const x = tf.randomNormal([2, 3, 4]);
  const y = tf.randomNormal([2, 5, 4]);
  const fast = tf.matMul(x, y, false, true);
  const explicit = tf.matMul(x, tf.transpose(y, [0, 2, 1]));
  assert.ok(tf.max(tf.abs(tf.sub(fast, explicit))).dataSync()[0] < 1e-5);
  tf.dispose([x, y, fast, explicit]);
  const before = tf.engine().backend.numDataIds();
  for (const [ta, tb] of [[true, false], [false, true], [true, true]]) {
    tf.tidy(() => {
      tf.matMul(tf.ones([50, 50]), tf.ones([50, 2]), ta, tb && false);
      tf.matMul(tf.ones([2, 50]), tf.ones([50, 50]), ta && false, tb);
    });
  }
  assert.equal(tf.engine().backend.numDataIds(), before, 'no leaked intermediate buffers');
});

test('an error thrown after initEngine is reported plainly (no emscripten handler dumping its source)', async () => {
  const { execFile } = await import('node:child_process');
  const script = `import { initEngine } from ${JSON.stringify(new URL('./index.ts', import.meta.url).href)};
await initEngine('wasm'); throw new Error('plain failure');`;
  const stderr = await new Promise<string>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], (_error, _out, err) => resolve(err));
  });
  assert.match(stderr, /plain failure/);
  assert.ok(stderr.length < 4000, `stderr is ${stderr.length} characters`);
});
