import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Discretization } from './discretization.ts';

// Expected buckets are the examples of the Keras Discretization docs.
const input = [-1.5, 1.0, 3.4, 0.5, 0.0, 3.0, 1.3, 0.0];

test('Discretization with explicit boundaries buckets like tf Bucketize', () => {
  const layer = new Discretization({ binBoundaries: [0, 1, 2] });
  assert.deepEqual([...layer.apply(input)], [0, 2, 3, 1, 1, 3, 2, 1]);
  assert.equal(layer.outputSize, 4);
});

test('Discretization.adapt learns quantile boundaries like Keras', () => {
  const layer = new Discretization({ numBins: 4, epsilon: 0.01 }).adapt(input);
  assert.deepEqual([...layer.apply(input)], [0, 2, 3, 2, 1, 3, 3, 1]);
  assert.deepEqual(layer.binBoundaries, [0, 0.5, Math.fround(1.3)]);
});

test('Discretization.adapt gives roughly equal buckets on many values', () => {
  const values = Float64Array.from({ length: 10000 }, (_, i) => (i * 7919) % 10000);
  const layer = new Discretization({ numBins: 10 }).adapt(values);
  const counts = new Array(layer.outputSize).fill(0);
  for (const b of layer.apply(values)) counts[b]++;
  assert.ok(counts.every((c) => Math.abs(c - 1000) <= 150), `counts ${counts}`);
});

test('Discretization of the tutorial timestamps: linspace(min, max, 1000) gives 1001 buckets', () => {
  const [min, max] = [874724710, 893286638];
  const boundaries = Array.from({ length: 1000 }, (_, i) => min + ((max - min) * i) / 999);
  const layer = new Discretization({ binBoundaries: boundaries });
  assert.equal(layer.outputSize, 1001);
  assert.deepEqual([...layer.apply([min - 100, min, max, max + 1e6])], [0, 1, 1000, 1000]);
  // TensorFlow compares in float32, where timestamps are 64 s apart: min - 1 rounds to min.
  assert.equal(layer.apply([min - 1])[0], 1);
});

test('Discretization round-trips through JSON and rejects misuse', () => {
  const layer = new Discretization({ numBins: 3 }).adapt([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const again = Discretization.fromJSON(JSON.parse(JSON.stringify(layer.toJSON())));
  assert.deepEqual(again.binBoundaries, layer.binBoundaries);
  assert.throws(() => new Discretization({ binBoundaries: [2, 1] }), /ascending \(index 1/);
  assert.throws(() => new Discretization({ binBoundaries: [1] }).adapt([1]), /needs numBins/);
  assert.throws(() => new Discretization({ numBins: 3 }).apply([1]), /call adapt\(\) first/);
});
