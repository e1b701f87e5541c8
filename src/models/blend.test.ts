import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomDataset } from '../testing/random-dataset.ts';
import { ScoreBlend } from './blend.ts';
import { EaseModel } from './ease.ts';
import { PopularityModel } from './popularity.ts';
import { historyOf, userItemsFromRatings } from './user-items.ts';

test('ScoreBlend: weights of standardised scores; one part at weight 1 keeps its ranking; bad parts refused', () => {
  const ds = randomDataset({ users: 100, movies: 80, perUser: 20, seed: 4 });
  const ui = userItemsFromRatings(ds);
  const ease = EaseModel.fit(ui, { lambda: 50 });
  const popular = PopularityModel.fromUserItems(ui);
  const history = historyOf(ui, 3);
  const rank = (scores: Float32Array) => Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
  assert.deepEqual(rank(new ScoreBlend([{ model: ease, weight: 1 }, { model: popular, weight: 0 }]).scoreHistory(history)), rank(ease.scoreHistory(history)));
  const half = new ScoreBlend([{ model: ease, weight: 0.5 }, { model: popular, weight: 0.5 }]);
  const z = (s: Float32Array) => {
    const finite = Array.from(s).filter(Number.isFinite);
    const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
    const sd = Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / finite.length);
    return Array.from(s, (v) => (v - mean) / sd);
  };
  const expected = z(ease.scoreHistory(history)).map((v, m) => 0.5 * v + 0.5 * z(popular.scoreHistory())[m]);
  half.scoreHistory(history).forEach((v, m) => assert.ok(Math.abs(v - expected[m]) < 1e-4 || v === expected[m], `movie ${m}: ${v} vs ${expected[m]}`));
  assert.deepEqual(half.scoreUsers(Int32Array.of(3)), half.scoreHistory(history), 'training users and histories agree when every part does');
  assert.throws(() => new ScoreBlend([]), /at least one part/);
  assert.throws(() => new ScoreBlend([{ model: ease, weight: Number.NaN }]), /finite number ≥ 0/);
});
