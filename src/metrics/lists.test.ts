import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ListMetricsAccumulator, popularityRanks } from './lists.ts';

test('list metrics match hand-computed values (Microsoft Recommenders definitions)', () => {
  const ranks = popularityRanks([5, 9, 1, 7, 3, 0]);
  assert.deepEqual(Array.from(ranks), [3, 1, 5, 2, 4, 6]);
  const acc = new ListMetricsAccumulator(3, ranks);
  // User A: hits at ranks 1 and 3 of 3; relevant {0, 2, 5}.
  acc.add([0, 1, 2], [0, 2, 5]);
  // User B: no hit; relevant {4}.
  acc.add([0, 1, 3], [4]);
  // User C: nothing relevant, so it does not count (but its list counts in coverage).
  acc.add([3, 4, 5], []);
  const r = acc.result();
  const d = (rank: number) => 1 / Math.log2(rank + 1);
  assert.equal(r.users, 2);
  assert.ok(Math.abs(r.precision - (2 / 3 + 0) / 2) < 1e-12);
  assert.ok(Math.abs(r.recall - (2 / 3 + 0) / 2) < 1e-12);
  assert.ok(Math.abs(r.ndcg - ((d(1) + d(3)) / (d(1) + d(2) + d(3))) / 2) < 1e-12);
  assert.ok(Math.abs(r.map - ((1 + 2 / 3) / 3) / 2) < 1e-12);
  assert.ok(Math.abs(r.mapAtK - ((1 + 2 / 3) / 3) / 2) < 1e-12);
  assert.equal(r.hitRate, 0.5);
  assert.equal(r.mrr, 0.5);
  assert.equal(r.coverage, 1);
  assert.ok(Math.abs(r.meanPopularityRank - (3 + 1 + 5 + 3 + 1 + 2 + 2 + 4 + 6) / 9) < 1e-12);
});

test('list metrics: MAP@k divides by min(k, #relevant), MAP by #relevant', () => {
  const acc = new ListMetricsAccumulator(2, popularityRanks(new Array(10).fill(1)));
  acc.add([7, 8], [7, 1, 2, 3]);
  const r = acc.result();
  assert.equal(r.map, 1 / 4);
  assert.equal(r.mapAtK, 1 / 2);
  assert.throws(() => new ListMetricsAccumulator(0, new Int32Array(1)), /k must be/);
});
