import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import { readMovieLens } from './readers/index.ts';
import type { MovieLensDataset } from './schema.ts';
import { foldSplit, randomSplit, rowsByUser, stratifiedSplit, temporalSplit } from './splits.ts';

/** Checks that `a` and `b` share no row and together hold `n` distinct rows in [0, n). */
function assertPartition(a: Int32Array, b: Int32Array, n: number): void {
  const seen = new Uint8Array(n);
  for (const r of [...a, ...b]) {
    assert.ok(r >= 0 && r < n);
    assert.equal(seen[r], 0, `row ${r} is in both parts`);
    seen[r] = 1;
  }
  assert.equal(a.length + b.length, n);
}

test('randomSplit: sizes, disjoint, deterministic per seed', () => {
  const s = randomSplit(1000, [0.8, 0.2], 42);
  assert.deepEqual([s.train.length, s.test.length], [800, 200]);
  assertPartition(s.train, s.test, 1000);
  assert.deepEqual(randomSplit(1000, [0.8, 0.2], 42), s);
  assert.notDeepEqual(randomSplit(1000, [0.8, 0.2], 7).test, s.test);
  assert.equal(randomSplit(1000, [0.75], 42).test.length, 250);
  const three = randomSplit(1000, [0.8, 0.1, 0.1], 1);
  assert.deepEqual([three.train.length, three.test.length, three.validation!.length], [800, 100, 100]);
  assert.throws(() => randomSplit(10, [0.9, 0.2], 1), /sum/);
});

/** Users 0 and 1 with timestamps chosen so the latest rows are known. */
function smallDataset(): MovieLensDataset {
  return {
    name: 'tiny',
    users: { length: 3, id: Int32Array.of(1, 2, 3) },
    movies: { length: 1, id: Int32Array.of(1), title: ['a'], genres: new Uint32Array(1) },
    ratings: {
      length: 6,
      user: Int32Array.of(0, 1, 0, 0, 1, 2),
      movie: new Int32Array(6),
      rating: new Float32Array(6).fill(3),
      timestamp: Float64Array.of(30, 5, 10, 20, 6, 1),
    },
  };
}

test('temporalSplit leaves each user\'s latest ratings out', () => {
  const ds = smallDataset();
  assert.deepEqual(Array.from(rowsByUser(ds).offsets), [0, 3, 5, 6]);
  const one = temporalSplit(ds, 1);
  assert.deepEqual(Array.from(one.test), [0, 4]);
  assert.deepEqual(Array.from(one.train), [1, 2, 3, 5]);
  const two = temporalSplit(ds, 2);
  assert.deepEqual(Array.from(two.test), [0, 3]);
});

test('stratifiedSplit puts floor(0.75 n) of each user\'s ratings in train, seeded', () => {
  const n = 40;
  const users = Int32Array.from({ length: n }, (_, i) => (i < 4 ? 0 : i < 9 ? 1 : 2));
  const ds: MovieLensDataset = {
    name: 'strata', users: { length: 3, id: Int32Array.of(1, 2, 3) },
    movies: { length: 1, id: Int32Array.of(1), title: ['a'], genres: new Uint32Array(1) },
    ratings: { length: n, user: users, movie: new Int32Array(n), rating: new Float32Array(n).fill(4), timestamp: new Float64Array(n) },
  };
  const s = stratifiedSplit(ds, 0.75, 42);
  assertPartition(s.train, s.test, n);
  const trainPerUser = [0, 0, 0];
  for (const r of s.train) trainPerUser[users[r]]++;
  assert.deepEqual(trainPerUser, [3, 3, 23]);
  assert.deepEqual(stratifiedSplit(ds, 0.75, 42), s);
  assert.notDeepEqual(stratifiedSplit(ds, 0.75, 7).test, s.test);
  assert.throws(() => stratifiedSplit(ds, 1, 1), /trainFraction/);
  const inner = stratifiedSplit(ds, 0.75, 1, s.train);
  assert.equal(new Set([...inner.train, ...inner.test]).size, s.train.length, 'no row on both sides');
  assert.deepEqual([...inner.train, ...inner.test].sort((a, b) => a - b), Array.from(s.train), 'a split within rows covers exactly those rows');
});

test('foldSplit maps the ML-100K u1 and ua folds onto rating rows', { skip: skipWithoutSharedData('ml-100k/u1.base') }, async () => {
  const dir = sharedDataPath('ml-100k')!;
  const ds = await readMovieLens(dir);
  const u1 = await foldSplit(ds, dir, 1);
  assert.deepEqual([u1.train.length, u1.test.length], [80_000, 20_000]);
  assertPartition(u1.train, u1.test, ds.ratings.length);
  const ua = await foldSplit(ds, dir, 'a');
  assert.equal(ua.test.length, 9430);
  const perUser = new Int32Array(ds.users.length);
  for (const r of ua.test) perUser[ds.ratings.user[r]]++;
  assert.ok(perUser.every((c) => c === 10));
});
