import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initEngine } from '../engine/index.ts';
import { Rng } from '../util/random.ts';
import { BruteForce, HnswIndex, UsearchIndex, type TopKIndex } from './factorized-top-k.ts';

await initEngine('cpu');

// Candidates (ids 10..13): scores against the query (1, 0) are 3, −1, 3, 2; against (0, 1): 0, 5, 1, 2.
const candidates = new Float32Array([3, 0, -1, 5, 3, 1, 2, 2]);
const ids = new Int32Array([10, 11, 12, 13]);

function randomMatrix(rng: Rng, rows: number, dim: number): Float32Array {
  return Float32Array.from({ length: rows * dim }, () => rng.normal());
}

for (const scorer of ['tensor', 'js'] as const) {
  test(`BruteForce (${scorer}) returns the exact top k, ties by row, with exclusion and padding`, () => {
    const index = new BruteForce(scorer);
    index.index(candidates, 2, ids);
    const top = index.search(new Float32Array([1, 0, 0, 1]), 3);
    assert.deepEqual(Array.from(top.ids), [10, 12, 13, 11, 13, 12]);
    assert.deepEqual(Array.from(top.scores), [3, 3, 2, 5, 2, 1]);
    const excluded = index.search(new Float32Array([1, 0]), 5, () => [0, 3]);
    assert.deepEqual(Array.from(excluded.ids), [12, 11, -1, -1, -1]);
    assert.equal(excluded.scores[2], -Infinity);
  });
}

test('BruteForce scorers agree on random data and survive a save/load round trip', async () => {
  const rng = new Rng(3);
  const data = randomMatrix(rng, 500, 8);
  const queries = randomMatrix(rng, 20, 8);
  const viaTensor = new BruteForce('tensor');
  viaTensor.index(data, 8);
  const viaJs = new BruteForce('js');
  viaJs.index(data, 8);
  const expected = viaTensor.search(queries, 10);
  assert.deepEqual(viaJs.search(queries, 10).ids, expected.ids);
  const dir = await mkdtemp(join(tmpdir(), 'maxella-topk-'));
  try {
    await viaTensor.save(join(dir, 'bf.bin'));
    assert.deepEqual((await BruteForce.load(join(dir, 'bf.bin'))).search(queries, 10).ids, expected.ids);
    assert.throws(() => BruteForce.fromBytes(new Uint8Array(32)), /not a Maxella brute-force index/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('BruteForce tiles over candidate blocks exactly: same ids as the JS loop, with ties, exclusions and k above a block', () => {
  const rng = new Rng(5);
  // Rounded values make ties common, so the merge's tie order (lower row first) is checked too.
  const data = Float32Array.from(randomMatrix(rng, 203, 4), (v) => Math.round(v * 2) / 2);
  const queries = Float32Array.from(randomMatrix(rng, 37, 4), (v) => Math.round(v * 2) / 2);
  const exclude = (q: number) => (q % 3 === 0 ? [q, q + 50, 202] : undefined);
  const loop = new BruteForce('js');
  loop.index(data, 4);
  for (const [candidateBlock, maxTileValues] of [[7, 64], [50, 500], [1000, 1 << 22]]) {
    const tiled = new BruteForce('tensor', { candidateBlock, maxTileValues });
    tiled.index(data, 4);
    for (const k of [1, 5, 20]) {
      const expected = loop.search(queries, k, exclude);
      const got = tiled.search(queries, k, exclude);
      assert.deepEqual(got.ids, expected.ids, `block ${candidateBlock}, tile ${maxTileValues}, k ${k}`);
      assert.deepEqual(got.scores, expected.scores);
    }
    tiled.dispose();
  }
  assert.throws(() => new BruteForce('tensor', { candidateBlock: 0 }), /candidateBlock must be a positive integer/);
});

/** Fraction of the exact top-k ids an index also returns. */
function recallAgainst(exact: TopKIndex, approximate: TopKIndex, queries: Float32Array, k: number): number {
  const truth = exact.search(queries, k).ids;
  const found = approximate.search(queries, k).ids;
  let hits = 0;
  for (let q = 0; q < truth.length / k; q++) {
    const wanted = new Set(truth.subarray(q * k, (q + 1) * k));
    for (const id of found.subarray(q * k, (q + 1) * k)) if (wanted.has(id)) hits++;
  }
  return hits / truth.length;
}

test('HnswIndex reaches recall@100 > 0.9 against BruteForce, excludes rows, and saves/loads', async () => {
  const rng = new Rng(11);
  const dim = 16;
  const data = randomMatrix(rng, 3000, dim);
  const queries = randomMatrix(rng, 40, dim);
  const exact = new BruteForce();
  exact.index(data, dim);
  const hnsw = new HnswIndex({ efSearch: 200 });
  hnsw.index(data, dim);
  const recall = recallAgainst(exact, hnsw, queries, 100);
  assert.ok(recall > 0.9, `recall@100 ${recall}`);
  const best = exact.search(queries.subarray(0, dim), 1).ids[0];
  const withoutBest = hnsw.search(queries.subarray(0, dim), 5, () => [best]);
  assert.ok(!Array.from(withoutBest.ids).includes(best), 'an excluded row came back');
  const dir = await mkdtemp(join(tmpdir(), 'maxella-hnsw-'));
  try {
    await hnsw.save(join(dir, 'index.hnsw'));
    const loaded = await HnswIndex.load(join(dir, 'index.hnsw'));
    assert.deepEqual(loaded.search(queries, 10).ids, hnsw.search(queries, 10).ids);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('UsearchIndex: recall@100 > 0.95 against BruteForce, exact scores with re-ranking, exclusion, ids, save/load', async () => {
  const rng = new Rng(12);
  const dim = 16;
  const data = randomMatrix(rng, 3000, dim);
  const queries = randomMatrix(rng, 40, dim);
  const ids = Int32Array.from({ length: 3000 }, (_, r) => 1000 + r);
  const exact = new BruteForce('js');
  exact.index(data, dim, ids);
  const graph = new UsearchIndex({ expansionSearch: 300, threads: 2 });
  graph.index(data, dim, ids);
  assert.equal(graph.size, 3000);
  const recall = recallAgainst(exact, graph, queries, 100);
  assert.ok(recall > 0.95, `recall@100 ${recall}`);
  // A quantized graph re-ranked by the exact dot product returns exact scores, best first.
  const quantized = new UsearchIndex({ quantization: 'f16', oversample: 3, expansionSearch: 300 });
  quantized.index(data, dim, ids);
  const truth = exact.search(queries, 10);
  const got = quantized.search(queries, 10);
  const recall10 = recallAgainst(exact, quantized, queries, 10);
  assert.ok(recall10 > 0.95, `recall@10 ${recall10}`);
  for (let i = 0; i < got.ids.length; i++) {
    const row = got.ids[i] - 1000;
    let s = 0;
    for (let j = 0; j < dim; j++) s += queries[Math.floor(i / 10) * dim + j] * data[row * dim + j];
    assert.ok(Math.abs(got.scores[i] - s) < 1e-4, `score ${got.scores[i]} is not the dot product ${s}`);
    if (i % 10) assert.ok(got.scores[i] <= got.scores[i - 1], 'not best first');
  }
  assert.equal(got.ids[0], truth.ids[0]);
  const best = truth.ids[0] - 1000;
  const withoutBest = graph.search(queries.subarray(0, dim), 5, () => [best]);
  assert.ok(!Array.from(withoutBest.ids).includes(truth.ids[0]), 'an excluded row came back');
  assert.equal(withoutBest.ids.length, 5);
  const dir = await mkdtemp(join(tmpdir(), 'maxella-usearch-'));
  try {
    await graph.save(join(dir, 'index.usearch'));
    const loaded = await UsearchIndex.load(join(dir, 'index.usearch'));
    assert.deepEqual(loaded.search(queries, 10).ids, graph.search(queries, 10).ids);
    assert.equal((await UsearchIndex.load(join(dir, 'index.usearch'), { expansionSearch: 50 })).config.expansionSearch, 50);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.throws(() => new UsearchIndex({ connectivity: 1 }), /connectivity must be an integer ≥ 2/);
});
