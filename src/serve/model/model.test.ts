/** The app artifact round trip (checksums, catalogue check) and the dataset merge used by retraining. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MovieLensDataset } from '../../data/schema.ts';
import { quickArtifacts, testDataset } from '../testing/fixtures.ts';
import { currentVersion, loadAppModels } from './artifact.ts';
import { withAppRatings } from './merge.ts';
import { toServingModels } from './serving.ts';

let ds: MovieLensDataset;
before(async () => {
  ds = await testDataset();
});

test('a saved version loads back, serves the same vectors, and refuses tampering or another catalogue', async () => {
  const { artifacts, version } = await quickArtifacts(ds);
  try {
    assert.equal(await currentVersion(artifacts), version);
    const dir = join(artifacts, version);
    const loaded = await loadAppModels(dir);
    const serving = toServingModels(loaded, ds);
    const again = toServingModels(await loadAppModels(dir), ds);
    assert.deepEqual(again.retrieval.movieEmbeddings, serving.retrieval.movieEmbeddings);
    const rows = Int32Array.from([0, 1, 2]);
    assert.deepEqual(again.ranking.predict(again.ranking.trainedUser(0), rows), serving.ranking.predict(serving.ranking.trainedUser(0), rows));
    assert.ok(Number.isFinite(loaded.manifest.metrics.ranking_rmse));

    const other = { ...ds, movies: { ...ds.movies, id: ds.movies.id.map((id) => id + 1) } };
    assert.throws(() => toServingModels(loaded, other), /another movie catalogue/);

    const weights = join(dir, 'ranking', 'weights.bin');
    const bytes = readFileSync(weights);
    bytes[10] ^= 0xff;
    writeFileSync(weights, bytes);
    await assert.rejects(loadAppModels(dir), /checksum mismatch/);
  } finally {
    rmSync(artifacts, { recursive: true, force: true });
  }
});

test('app ratings replace dataset ratings and app users are appended after dataset users', () => {
  const userId = ds.users.id[0];
  const movieRow = ds.ratings.movie[Array.from(ds.ratings.user).indexOf(0)];
  const movieId = ds.movies.id[movieRow];
  const merged = withAppRatings(ds, [
    { userId, movieId, rating: 0.5, ratedAt: '2026-01-01T00:00:00Z' },
    { userId: 1_000_000, movieId, rating: 5, ratedAt: '2026-01-01T00:00:00Z' },
    { userId: 1_000_000, movieId: 99_999_999, rating: 5, ratedAt: '2026-01-01T00:00:00Z' },
  ]);
  assert.equal(merged.users.length, ds.users.length + 1);
  assert.deepEqual(Array.from(merged.users.id.subarray(0, ds.users.length)), Array.from(ds.users.id), 'dataset rows keep their numbers');
  assert.equal(merged.ratings.length, ds.ratings.length + 1, 'one new rating; the unknown movie is skipped');
  const replaced = Array.from(merged.ratings.user).findIndex((u, i) => u === 0 && merged.ratings.movie[i] === movieRow);
  assert.equal(merged.ratings.rating[replaced], 0.5);
  assert.equal(merged.ratings.user[merged.ratings.length - 1], ds.users.length);
  assert.equal(ds.ratings.rating[replaced] === 0.5, false, 'the original dataset is untouched');
});
