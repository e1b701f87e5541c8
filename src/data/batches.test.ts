import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../util/random.ts';
import { batchCount, batches } from './batches.ts';

const collect = (it: Iterable<Int32Array>): number[][] => [...it].map((b) => Array.from(b));

test('batches of a count, in order, with and without the remainder', () => {
  assert.deepEqual(collect(batches(7, 3)), [[0, 1, 2], [3, 4, 5], [6]]);
  assert.deepEqual(collect(batches(7, 3, { dropRemainder: true })), [[0, 1, 2], [3, 4, 5]]);
  assert.equal(batchCount(7, 3), 3);
  assert.equal(batchCount(7, 3, true), 2);
  assert.throws(() => [...batches(7, 0)], /batchSize/);
});

test('shuffled batches: a permutation, seeded, new order per epoch, input untouched', () => {
  const rows = Int32Array.from({ length: 100 }, (_, i) => i * 2);
  const rng = new Rng(3);
  const epoch1 = collect(batches(rows, 32, { shuffle: true, rng })).flat();
  const epoch2 = collect(batches(rows, 32, { shuffle: true, rng })).flat();
  assert.deepEqual([...epoch1].sort((a, b) => a - b), Array.from(rows));
  assert.notDeepEqual(epoch1, epoch2);
  assert.deepEqual(collect(batches(rows, 32, { shuffle: true, rng: new Rng(3) })).flat(), epoch1);
  assert.deepEqual(rows[1], 2);
});
