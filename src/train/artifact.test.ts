/** Artifacts carry candidate indexes: binary extras (BruteForce bytes) and self-written files (HNSW), checksummed. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initEngine } from '../engine/index.ts';
import { BruteForce, HnswIndex } from '../layers/factorized-top-k.ts';
import { fetchArtifact, loadArtifact, saveArtifact, TwoTowerModel } from '../models/index.ts';
import { Rng } from '../util/random.ts';

const DIM = 4;

before(async () => {
  await initEngine();
});

function tinyTwoTower(): TwoTowerModel {
  const tower = (name: string, feature: string) => ({ name, seed: 7, embeddings: [{ feature, inputDim: 10, outputDim: DIM }] });
  return new TwoTowerModel({ query: tower('query', 'user_id'), candidate: tower('candidate', 'movie_id') });
}

function randomRows(rows: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: rows * DIM }, () => rng.normal());
}

function flip(path: string, at: number): void {
  const bytes = readFileSync(path);
  bytes[at] ^= 0xff;
  writeFileSync(path, bytes);
}

test('an artifact saves and loads its candidate indexes: identical searches, corrupted index files refused', async () => {
  const root = mkdtempSync(join(tmpdir(), 'maxella-artifact-index-'));
  try {
    const candidates = randomRows(50, 1);
    const queries = randomRows(5, 2);
    const exact = new BruteForce('js');
    exact.index(candidates, DIM);
    const ann = new HnswIndex({ randomSeed: 3 });
    ann.index(candidates, DIM, Int32Array.from({ length: 50 }, (_, i) => 1000 + i));
    const dir = join(root, 'model');
    const model = tinyTwoTower();
    const manifest = await saveArtifact(dir, model, {
      extras: { encoder: { vocabulary: ['a'] }, exact: exact.toBytes() },
      extraFiles: { ann: (path) => ann.save(path) },
    });
    assert.deepEqual(manifest.extraFiles, { ann: ['files/ann', 'files/ann.json'] });
    assert.ok(manifest.files['extras/exact.bin'] && manifest.files['files/ann'] && manifest.files['files/ann.json'], 'every index file is checksummed');

    const loaded = await loadArtifact<TwoTowerModel>(dir);
    assert.deepEqual(loaded.extras.encoder, { vocabulary: ['a'] });
    assert.ok(loaded.extras.exact instanceof Uint8Array);
    assert.deepEqual(BruteForce.fromBytes(loaded.extras.exact, 'js').search(queries, 5), exact.search(queries, 5));
    assert.deepEqual((await HnswIndex.load(loaded.extraFiles.ann)).search(queries, 5), ann.search(queries, 5));
    assert.deepEqual(loaded.model.getWeights(), model.getWeights());

    flip(join(dir, 'files', 'ann'), 100);
    await assert.rejects(loadArtifact(dir), /files[/\\]ann: checksum mismatch \(file is corrupted or was modified\)/);
    await saveArtifact(dir, model, { extras: { exact: exact.toBytes() } });
    flip(join(dir, 'extras', 'exact.bin'), 20);
    await assert.rejects(loadArtifact(dir), /exact\.bin: checksum mismatch/);
    rmSync(join(dir, 'extras', 'exact.bin'));
    await assert.rejects(loadArtifact(dir), /exact\.bin: missing \(listed in manifest\.json\)/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('format-1 artifacts (JSON extras only) still load; a writer that writes nothing or a bad name is refused', async () => {
  const root = mkdtempSync(join(tmpdir(), 'maxella-artifact-format-'));
  try {
    const dir = join(root, 'model');
    const model = tinyTwoTower();
    await saveArtifact(dir, model, { extras: { vocab: ['x'] } });
    const path = join(dir, 'manifest.json');
    const { binaryExtras: _binary, extraFiles: _files, ...formatOne } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...formatOne, format: 1 }));
    const loaded = await loadArtifact(dir);
    assert.deepEqual(loaded.extras, { vocab: ['x'] });
    assert.deepEqual(loaded.extraFiles, {});

    await assert.rejects(saveArtifact(dir, model, { extraFiles: { index: async () => {} } }), /extra file writer 'index' did not write files\/index/);
    await assert.rejects(saveArtifact(dir, model, { extras: { '../up': 1 } }), /extra name '\.\.\/up' must be/);
    assert.deepEqual((await loadArtifact(dir)).extras, { vocab: ['x'] }, 'a failed save leaves the previous artifact in place');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('fetchArtifact loads a served artifact with the same checks as loadArtifact', async () => {
  const root = mkdtempSync(join(tmpdir(), 'maxella-artifact-fetch-'));
  try {
    const dir = join(root, 'model');
    const model = tinyTwoTower();
    await saveArtifact(dir, model, { extras: { encoder: { vocabulary: ['a'] }, blob: Uint8Array.of(1, 2, 3) } });
    const base = 'http://models.test/two-tower/';
    const served = (async (input: string | URL | Request) => {
      const url = String(input);
      try {
        return new Response(readFileSync(join(dir, url.slice(base.length))));
      } catch {
        return new Response('', { status: 404, statusText: 'Not Found' });
      }
    }) as typeof fetch;
    const fetched = await fetchArtifact<TwoTowerModel>(base, { fetch: served, expectClass: 'TwoTowerModel' });
    const loaded = await loadArtifact<TwoTowerModel>(dir);
    assert.deepEqual(fetched.model.getWeights(), loaded.model.getWeights());
    assert.deepEqual(fetched.extras, loaded.extras);
    await assert.rejects(fetchArtifact(base, { fetch: served, expectClass: 'RankingModel' }), /holds a TwoTowerModel, expected a RankingModel/);
    flip(join(dir, 'weights.bin'), 8);
    await assert.rejects(fetchArtifact(base, { fetch: served }), /two-tower\/weights\.bin: checksum mismatch/);
    await saveArtifact(dir, model, { extras: { encoder: { vocabulary: ['a'] } } });
    rmSync(join(dir, 'extras', 'encoder.json'));
    await assert.rejects(fetchArtifact(base, { fetch: served }), /extras\/encoder\.json: HTTP 404 Not Found \(listed in manifest\.json\)/);
    await assert.rejects(fetchArtifact('http://models.test/nothing/', { fetch: served }), /manifest\.json: HTTP 404 Not Found \(not a Maxella artifact\?\)/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
