/** The app artifact round trip (checksums, stored candidate index, catalogue check) and the dataset merge used by retraining. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MovieLensDataset } from '../../data/schema.ts';
import { quickArtifacts, testDataset } from '../testing/fixtures.ts';
import { buildNearestSearch } from '../recommender/neighbours.ts';
import { currentVersion, loadAppModels, saveAppModels, type LoadedAppModels } from './artifact.ts';
import type { TrainedAppModels } from './train.ts';
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
    // Synthetic data picks movies by popularity alone, so the chosen model can only tie most-popular here
    // (real data: src/models/ease.test.ts, src/serve/served-lists.test.ts).
    assert.ok(loaded.manifest.metrics.topk_ndcg10 >= 0.95 * loaded.manifest.metrics.popular_ndcg10, 'the chosen top-K model is not worse than most-popular on validation');
    assert.deepEqual(loaded.manifest.topK.candidates.map((c) => c.family).sort(), ['ease', 'implicit-als', 'item-knn', 'most-popular'], 'EASE^R, implicit ALS and item-kNN were tuned and most-popular competed');
    assert.equal(loaded.manifest.topK.family, loaded.manifest.topK.candidates[0].family, 'the best on validation is served');
    const history = { movies: Int32Array.of(0, 3, 7) };
    assert.deepEqual(again.topK.scoreHistory(history), serving.topK.scoreHistory(history));
    assert.ok(loaded.manifest.files['topk/model.json']);

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

/** A loaded version as the trained models it holds (to save it again another way). */
function asTrained(loaded: LoadedAppModels): TrainedAppModels {
  const { manifest, encoder, twoTower, mf, topK } = loaded;
  return { dataset: manifest.dataset, trainedAt: manifest.trainedAt, options: manifest.options, encoder, twoTower, mf, topK, topKChoice: manifest.topK, metrics: manifest.metrics };
}

test('the candidate index is stored at training time, loaded at start (BruteForce or HNSW), and a corrupt one is refused', async () => {
  const { artifacts, version } = await quickArtifacts(ds);
  try {
    const dir = join(artifacts, version);
    const manifest = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as { index: { kind: string; rows: number; files: string[] }; files: Record<string, string> };
    assert.equal(manifest.index.kind, 'brute-force');
    assert.equal(manifest.index.rows, ds.movies.length);
    assert.deepEqual(manifest.index.files, ['retrieval/extras/candidates.bin']);
    assert.ok(manifest.files['retrieval/manifest.json'], 'app.json checksums the retrieval manifest, which checksums the index');
    const loaded = await loadAppModels(dir);
    const serving = toServingModels(loaded, ds);
    const stored = serving.retrieval.candidateIndex;
    assert.ok(stored, 'the index comes from the artifact');
    const { dim, movieEmbeddings, userEmbeddings } = serving.retrieval;
    const rebuilt = buildNearestSearch(movieEmbeddings, dim);
    const query = userEmbeddings.subarray(0, dim);
    assert.deepEqual(stored.search(query, 10, new Set([0])), rebuilt.search(query, 10, new Set([0])));

    const ivfVersion = await saveAppModels(artifacts, ds, asTrained(loaded), 'ivf', { annThreshold: 10 });
    assert.equal(ivfVersion.manifest.index?.kind, 'ivf');
    assert.deepEqual(ivfVersion.manifest.index?.files, ['retrieval/extras/candidates.bin']);
    const ann = (await loadAppModels(ivfVersion.dir)).candidateIndex;
    assert.equal(ann?.kind, 'ivf');
    assert.deepEqual(ann.search(query, 1).rows, rebuilt.search(query, 1).rows, 'IVF agrees with brute force on the top hit');

    const bin = join(dir, 'retrieval', 'extras', 'candidates.bin');
    const bytes = readFileSync(bin);
    bytes[40] ^= 0xff;
    writeFileSync(bin, bytes);
    await assert.rejects(loadAppModels(dir), /candidates\.bin: checksum mismatch/);
    rmSync(bin);
    await assert.rejects(loadAppModels(dir), /candidates\.bin: missing/);
  } finally {
    rmSync(artifacts, { recursive: true, force: true });
  }
});

test('an app model of an older format (no top-K model) is refused with the command that retrains', async () => {
  const { artifacts, version } = await quickArtifacts(ds);
  try {
    const path = join(artifacts, version, 'app.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), formatVersion: 2 }));
    await assert.rejects(loadAppModels(join(artifacts, version)), /v2 is not supported.*maxella train/);
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
