import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from './random.ts';

test('Rng is deterministic per seed and roughly uniform', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const xs = Array.from({ length: 10000 }, () => a.next());
  assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => b.next()));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
});

test('Rng.shuffle is a permutation', () => {
  const p = new Rng(1).shuffle(Int32Array.from({ length: 100 }, (_, i) => i));
  assert.deepEqual([...p].sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
  assert.notDeepEqual([...p], Array.from({ length: 100 }, (_, i) => i));
});
