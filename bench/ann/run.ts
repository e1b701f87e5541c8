/**
 * bench/ann: approximate top-K against exact search at 1 M candidates (`npx maxella bench ann`),
 * after TFRS' efficient-serving tutorial: trained ML-100K movie embeddings replicated with small
 * perturbations to `--candidates` rows (queries: the trained user embeddings), plus a Gaussian worst
 * case (iid normal candidates and queries).
 *
 *   node --import tsx bench/ann/run.ts [--candidates 1000000] [--dim 64] [--queries 1000]
 *       [--cases trained,gaussian] [--libraries ivf,usearch,hnswlib] [--lists 4√N] [--probes 2,4,8,16]
 *       [--ef 128,256,512]
 *       [--connectivity 32] [--expansion-add 200] [--quantization f32] [--oversample 1]
 *       [--hnswlib-sample 50000] [--threads 2] [--noise 0.1]
 *
 * For each case it times batched brute force (`BruteForce`, the exact answer), builds `IvfIndex`
 * (k-means partitions, searched with each `--probes`) and each library's graph (usearch: one batched
 * multi-threaded insertion; hnswlib-node inserts one point at a time, so it is built over
 * `--hnswlib-sample` rows and its 1 M build time extrapolated), then for each probe count or search
 * expansion prints recall@10 and recall@100 against exact search, queries/s and the ratio
 * to brute force's queries/s. The issue's target: recall@10 and @100 ≥ 0.99 at ≥ 15× brute force,
 * build under 2 minutes. Without ML-100K (../shared/data/movielens/ml-100k or $MAXELLA_DATA_DIR) the
 * trained case is skipped with a message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { loadDataset } from '../../src/data/index.ts';
import { initEngine } from '../../src/engine/index.ts';
import { MovieLensEncoder } from '../../src/features/index.ts';
import { BruteForce, UsearchIndex, type TopKIndex, type UsearchOptions } from '../../src/layers/factorized-top-k.ts';
import { defaultIvfLists, IvfIndex } from '../../src/layers/ivf-index.ts';
import { TwoTowerModel } from '../../src/models/index.ts';
import { Retrieval } from '../../src/tasks/index.ts';
import { Adagrad } from '../../src/train/index.ts';
import { peakMemoryLine } from '../../src/util/memory.ts';
import { Rng } from '../../src/util/random.ts';
import { benchArgs, positive } from '../args.ts';

const values = benchArgs('ann', 'Approximate top-K at 1 M candidates (trained ML-100K embeddings replicated, and iid Gaussian): recall@10/@100 against exact search, queries/s against batched brute force, build time.', {
  candidates: { type: 'string', default: '1000000', help: 'candidate vectors' },
  dim: { type: 'string', default: '64', help: 'their width' },
  queries: { type: 'string', default: '1000', help: 'queries timed' },
  cases: { type: 'string', default: 'trained,gaussian', help: 'some of trained, gaussian' },
  libraries: { type: 'string', default: 'ivf,usearch,hnswlib', help: 'some of ivf, usearch, hnswlib' },
  lists: { type: 'string', default: '', help: 'IvfIndex partitions (default 4·√candidates)' },
  probes: { type: 'string', default: '2,4,8,16', help: 'IvfIndex probe counts tried' },
  ef: { type: 'string', default: '128,256,512', help: 'graph search expansions tried' },
  connectivity: { type: 'string', default: '32', help: 'graph links per node' },
  'expansion-add': { type: 'string', default: '200', help: 'graph build expansion' },
  quantization: { type: 'string', default: 'f32', help: 'usearch scalar type (f32, f16, i8)' },
  oversample: { type: 'string', default: '1', help: 'graph candidates fetched per result, re-ranked exactly' },
  'hnswlib-sample': { type: 'string', default: '50000', help: 'rows hnswlib-node is built over (its 1 M build time is extrapolated)' },
  threads: { type: 'string', default: String(cpus().length), help: 'build and search threads' },
  noise: { type: 'string', default: '0.1', help: 'perturbation of the replicated trained vectors' },
});

const N = positive('candidates', values.candidates);
const DIM = positive('dim', values.dim);
const QUERIES = positive('queries', values.queries);
const EFS = values.ef!.split(',').map((e) => positive('ef', e));
const PROBES = values.probes!.split(',').map((e) => positive('probes', e));
const LISTS = values.lists ? positive('lists', values.lists) : defaultIvfLists(N);
const THREADS = positive('threads', values.threads);
const NOISE = Number(values.noise);
const GRAPH: UsearchOptions = {
  connectivity: positive('connectivity', values.connectivity), expansionAdd: positive('expansion-add', values['expansion-add']),
  quantization: values.quantization as UsearchOptions['quantization'], oversample: positive('oversample', values.oversample), threads: THREADS,
};
const K = 100;

/** Candidates and queries of one case. */
interface Case {
  name: string;
  candidates: Float32Array;
  queries: Float32Array;
}

/** Trained ML-100K embeddings: a two-tower model (user id, movie id → DIM), 3 epochs of in-batch softmax. */
async function trainedCase(rng: Rng): Promise<Case | undefined> {
  let ds;
  try {
    ds = await loadDataset('ml-100k', { offline: true });
  } catch (error) {
    console.log(`trained case skipped: ML-100K is not on this machine (${(error as Error).message.split('\n')[0]})`);
    return undefined;
  }
  const all = Int32Array.from({ length: ds.ratings.length }, (_, i) => i);
  const encoder = new MovieLensEncoder({ features: ['user_id', 'movie_id'] }).adapt(ds, all);
  const model = new TwoTowerModel({
    query: { name: 'user_model', embeddings: [{ feature: 'user_id', inputDim: encoder.vocabularySize('user_id'), outputDim: DIM }], seed: 1 },
    candidate: { name: 'movie_model', embeddings: [{ feature: 'movie_id', inputDim: encoder.vocabularySize('movie_id'), outputDim: DIM }], seed: 2 },
  }, new Retrieval());
  model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
  const t0 = performance.now();
  await model.fit(encoder.encode(ds, all), { epochs: 3, batchSize: 4096, seed: 42 });
  const movies = model.candidateEmbeddings(encoder.encodeMovies(ds));
  const users = model.queryEmbeddings(encoder.encodeUsers(ds));
  console.log(`trained ML-100K two-tower (${ds.users.length} users, ${ds.movies.length} movies, dim ${DIM}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Replicas: movie (r mod M) plus N(0, (noise · coordinate std)²) per coordinate.
  let sq = 0;
  for (const v of movies) sq += v * v;
  const sigma = NOISE * Math.sqrt(sq / movies.length);
  const candidates = new Float32Array(N * DIM);
  const m = movies.length / DIM;
  for (let r = 0; r < N; r++) {
    const src = (r % m) * DIM;
    for (let j = 0; j < DIM; j++) candidates[r * DIM + j] = movies[src + j] + sigma * rng.normal();
  }
  const u = users.length / DIM;
  const queries = new Float32Array(QUERIES * DIM);
  for (let q = 0; q < QUERIES; q++) {
    const src = (q % u) * DIM;
    for (let j = 0; j < DIM; j++) queries[q * DIM + j] = users[src + j] + (q < u ? 0 : sigma * rng.normal());
  }
  return { name: `trained ML-100K × ${Math.round(N / m)} replicas (noise ${NOISE} × coordinate RMS)`, candidates, queries };
}

function gaussianCase(rng: Rng): Case {
  return {
    name: 'Gaussian (iid normal)',
    candidates: Float32Array.from({ length: N * DIM }, () => rng.normal()),
    queries: Float32Array.from({ length: QUERIES * DIM }, () => rng.normal()),
  };
}

/** Fraction of the exact top `k` (the first k of each exact top 100) found in the approximate top k. */
function recall(exact: Int32Array, found: Int32Array, foundK: number, k: number): number {
  let hits = 0;
  for (let q = 0; q < QUERIES; q++) {
    const wanted = new Set(exact.subarray(q * K, q * K + k));
    for (let i = 0; i < k; i++) if (wanted.has(found[q * foundK + i])) hits++;
  }
  return hits / (QUERIES * k);
}

function seconds(t0: number): number {
  return (performance.now() - t0) / 1000;
}

const table: string[] = ['| case | index | build s | ef / probes | recall@10 | recall@100 | queries/s | ÷ brute force |', '|---|---|---:|---:|---:|---:|---:|---:|'];
const row = (cells: (string | number)[]) => table.push(`| ${cells.join(' | ')} |`);

/** Times `index` on the case's queries (after a warm-up) and prints and tabulates its recall and speed. */
function measure(c: Case, index: TopKIndex, truth: Int32Array, bruteQps: number, label: string, cells: (string | number)[]): void {
  index.search(c.queries.subarray(0, 10 * DIM), K); // warm-up
  const t0 = performance.now();
  const found = index.search(c.queries, K);
  const qps = QUERIES / seconds(t0);
  const r10 = recall(truth, index.search(c.queries, 10).ids, 10, 10);
  const r100 = recall(truth, found.ids, K, K);
  console.log(`${label}: recall@10 ${r10.toFixed(3)}, recall@100 ${r100.toFixed(3)}, ${qps.toFixed(0)} queries/s = ${(qps / bruteQps).toFixed(1)}× brute force`);
  row([c.name, ...cells.slice(0, 3), r10.toFixed(3), r100.toFixed(3), qps.toFixed(0), (qps / bruteQps).toFixed(1)]);
}

async function runCase(c: Case): Promise<void> {
  console.log(`\n## ${c.name}: ${N.toLocaleString('en-US')} candidates × ${DIM}, ${QUERIES} queries (load ${loadavg()[0].toFixed(1)})`);
  const exact = new BruteForce('tensor');
  exact.index(c.candidates, DIM);
  let t0 = performance.now();
  const truth = exact.search(c.queries, K);
  const bruteQps = QUERIES / seconds(t0);
  exact.dispose();
  console.log(`brute force (batched, exact): ${bruteQps.toFixed(0)} queries/s`);
  row([c.name, 'BruteForce (batched)', '–', '–', '1.000', '1.000', bruteQps.toFixed(0), '1.0']);
  const libraries = values.libraries!.split(',');
  if (libraries.includes('ivf')) {
    t0 = performance.now();
    const ivf = new IvfIndex({ lists: LISTS });
    ivf.index(c.candidates, DIM);
    const build = seconds(t0);
    console.log(`ivf: built in ${build.toFixed(1)} s (${ivf.lists} lists, k-means on ${Math.min(N, 64 * ivf.lists)} rows)`);
    for (const probes of PROBES) {
      ivf.probes = probes;
      measure(c, ivf, truth.ids, bruteQps, `ivf probes ${probes}`, [`IvfIndex ${ivf.lists} lists`, build.toFixed(1), `probes ${probes}`]);
    }
    ivf.dispose();
  }
  if (libraries.includes('usearch')) {
    t0 = performance.now();
    const graph = new UsearchIndex(GRAPH);
    graph.index(c.candidates, DIM);
    const build = seconds(t0);
    console.log(`usearch: built in ${build.toFixed(1)} s (${THREADS} threads, connectivity ${GRAPH.connectivity}, expansion_add ${GRAPH.expansionAdd}, ${GRAPH.quantization}, oversample ${GRAPH.oversample})`);
    const dir = mkdtempSync(join(tmpdir(), 'maxella-ann-'));
    try {
      await graph.save(join(dir, 'graph'));
      for (const ef of EFS) {
        const loaded = await UsearchIndex.load(join(dir, 'graph'), { expansionSearch: ef });
        measure(c, loaded, truth.ids, bruteQps, `usearch ef ${ef}`, [`usearch ${GRAPH.quantization} M=${GRAPH.connectivity}`, build.toFixed(1), ef]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (libraries.includes('hnswlib')) {
    // hnswlib-node inserts one point at a time (one thread): build a sample, extrapolate the build.
    const sample = Math.min(N, positive('hnswlib-sample', values['hnswlib-sample']));
    const graph = new hnswlib.HierarchicalNSW('ip', DIM);
    graph.initIndex(sample, GRAPH.connectivity!, 200, 100);
    t0 = performance.now();
    for (let r = 0; r < sample; r++) graph.addPoint(Array.from(c.candidates.subarray(r * DIM, (r + 1) * DIM)), r);
    const rate = sample / seconds(t0);
    console.log(`hnswlib-node: ${rate.toFixed(0)} inserts/s over the first ${sample} rows (one at a time): ~${(N / rate).toFixed(0)} s for ${N} (extrapolated, lower bound)`);
    row([c.name, `hnswlib-node M=${GRAPH.connectivity} (${sample} rows only)`, `≥ ${(N / rate).toFixed(0)} (extrapolated)`, '–', '–', '–', '–', '–']);
  }
}

const backend = await initEngine();
console.log(`bench/ann on ${cpus().length} × ${cpus()[0]?.model}; backend ${backend}; load average ${loadavg()[0].toFixed(1)}`);
const rng = new Rng(7);
for (const name of values.cases!.split(',')) {
  const c = name === 'trained' ? await trainedCase(rng) : name === 'gaussian' ? gaussianCase(rng) : undefined;
  if (name !== 'trained' && name !== 'gaussian') throw new Error(`unknown case '${name}' (trained, gaussian)`);
  if (c) await runCase(c);
}
console.log(`\n${table.join('\n')}\n\ntarget: recall@10 and recall@100 ≥ 0.99 at ≥ 15× brute force queries/s, build < 120 s`);
console.log(peakMemoryLine('bench/ann'));
