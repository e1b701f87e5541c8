import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { randomDataset } from '../testing/random-dataset.ts';
import { loadTopKModel, saveTopKModel } from '../train/top-k-artifact.ts';
import { ScoreBlend } from './blend.ts';
import { EaseModel } from './ease.ts';
import { EmbeddingLists } from './embedding-lists.ts';
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

test('ScoreBlend of EASE^R and EmbeddingLists: trained users use both parts, histories fold in through EASE^R, saves and loads', async () => {
  const ds = randomDataset({ users: 60, movies: 50, perUser: 12, seed: 6 });
  const ui = userItemsFromRatings(ds);
  const ease = EaseModel.fit(ui, { lambda: 20 });
  const dim = 4;
  const lists = new EmbeddingLists({ numUsers: 60, numMovies: 50, dim }, Float32Array.from({ length: 60 * dim }, (_, i) => Math.sin(i)), Float32Array.from({ length: 50 * dim }, (_, i) => Math.cos(i)));
  const blend = new ScoreBlend([{ model: ease, weight: 0.3 }, { model: lists, weight: 0.7 }]);
  const history = historyOf(ui, 7);
  assert.deepEqual(blend.scoreTrainedUser(7, history), blend.scoreUsers(Int32Array.of(7)));
  const easeOnly = new ScoreBlend([{ model: ease, weight: 0.3 }]).scoreHistory(history);
  assert.deepEqual(blend.scoreHistory(history), easeOnly, 'a history is scored by the folding part alone');
  assert.ok(blend.contributions(history, 3).every((c, i) => Math.abs(c - 0.3 * ease.contributions(history, 3)[i]) < 1e-6));
  const dir = await mkdtemp(join(tmpdir(), 'maxella-blend-'));
  try {
    await saveTopKModel(join(dir, 'm'), blend);
    const { model } = await loadTopKModel(join(dir, 'm'));
    assert.equal(model.className, 'ScoreBlend');
    assert.deepEqual(model.scoreTrainedUser!(7, history), blend.scoreTrainedUser(7, history));
    assert.deepEqual(model.scoreHistory(history), blend.scoreHistory(history));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.throws(() => new ScoreBlend([{ model: lists, weight: 1 }]).scoreHistory(history), /no part can fold in/);
});
