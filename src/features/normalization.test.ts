import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Normalization } from './normalization.ts';

// Expected values are the examples of the Keras Normalization docs.
test('Normalization.adapt standardizes with the population variance', () => {
  const layer = new Normalization({ axis: null }).adapt([1, 2, 3, 4, 5]);
  assert.deepEqual([...layer.apply([1, 2, 3])], [-1.4142135381698608, -0.7071067690849304, 0]);
  assert.equal(layer.mean, 3);
  assert.equal(layer.variance, 2);
});

test('Normalization with a given mean/variance, invert, and a zero variance', () => {
  assert.deepEqual([...new Normalization({ mean: 3, variance: 2 }).apply([1, 2, 3])], [...new Normalization().adapt([1, 2, 3, 4, 5]).apply([1, 2, 3])]);
  const inv = new Normalization({ mean: 3, variance: 4, invert: true });
  assert.deepEqual([...inv.apply([-1, 0, 0.5])], [1, 3, 4]);
  assert.deepEqual([...new Normalization().adapt([7, 7, 7]).apply([7, 8])], [0, Math.fround(1e7)]);
});

test('Normalization keeps precision on large values (timestamps) and round-trips', () => {
  const ts = Float64Array.from({ length: 1000 }, (_, i) => 880000000 + i * 1000);
  const layer = new Normalization({ axis: null }).adapt(ts);
  const out = layer.apply(ts);
  assert.ok(Math.abs(out[0] + 1.7303) < 1e-3 && Math.abs(out[999] - 1.7303) < 1e-3, `ends ${out[0]} ${out[999]}`);
  const again = Normalization.fromJSON(JSON.parse(JSON.stringify(layer.toJSON())));
  assert.deepEqual([...again.apply(ts.subarray(0, 5))], [...out.subarray(0, 5)]);
  assert.throws(() => new Normalization().apply([1]), /call adapt\(\) first/);
});
