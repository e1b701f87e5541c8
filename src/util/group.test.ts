import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByKey } from './group.ts';

test('groupByKey: positions grouped by key, ascending within a group, empty groups kept', () => {
  const keys = [2, 0, 2, 3, 0, 2];
  const { offsets, order } = groupByKey(keys.length, 5, (i) => keys[i]);
  assert.deepEqual(Array.from(offsets), [0, 2, 2, 5, 6, 6]);
  assert.deepEqual(Array.from(order), [1, 4, 0, 2, 5, 3]);
  assert.deepEqual(groupByKey(0, 2, () => 0), { offsets: Int32Array.of(0, 0, 0), order: new Int32Array(0) });
});
