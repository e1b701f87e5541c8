/**
 * `IvfIndex`: approximate top-K by inner product with an inverted-file index (FAISS' IVF-Flat, the
 * partitioning half of ScaNN). k-means (on a seeded sample) splits the candidates into `lists`
 * partitions; a query is scored exactly against the candidates of the `probes` partitions whose
 * centroids score highest for it. Search is batched: the queries of a batch that probe a partition
 * are scored against it in one matrix product, so the work stays in GEMMs (the native kernel or
 * wasm) and the per-query cost is about `probes / lists` of brute force.
 *
 * Neighbourhoods of near-duplicates (replicated embeddings), which trap graph indexes such as HNSW,
 * are what partitions handle best: they fall in one list. No npm library offers IVF for Node without
 * prebuilt binaries (faiss-node downloads them), so it is built here on the engine's matMul and topk.
 */
import { tf } from '../engine/index.ts';
import { nativeArrayKernels, type NativeBlas } from '../engine/native.ts';
import { Rng } from '../util/random.ts';
import { nodeModule } from '../util/platform.ts';
import { candidateIds, checkK, emptyResult, matrixRows, TopKHeap, transposedCandidates, type ExcludeRows, type TopKIndex, type TopKResult } from './factorized-top-k.ts';
import { groupByKey } from '../util/group.ts';

/** Options of `IvfIndex`. */
export interface IvfOptions {
  /** Partitions (default 4√N, FAISS' rule of thumb, at most 16,384: 4,000 at 1 M candidates). */
  lists?: number;
  /** Partitions searched per query (default 32): more is slower and closer to exact. */
  probes?: number;
  /** k-means sample per partition (default 64 candidates a list). */
  samplePerList?: number;
  /** k-means iterations (default 10). */
  iterations?: number;
  seed?: number;
}

const IVF_MAGIC = 0x5649584d; // "MXIV" little-endian
/** Bound on one score tile in floats (16 MiB). */
const MAX_TILE_VALUES = 1 << 22;
/** Candidates lifted (see `index`) at a time while assigning them to partitions. */
const LIFT_CHUNK = 65_536;
/** Queries whose running top k are held at once. */
const QUERY_BLOCK = 4096;

/** The default number of partitions for `rows` candidates. */
export function defaultIvfLists(rows: number): number {
  return Math.max(1, Math.min(16_384, Math.round(4 * Math.sqrt(rows))));
}

/** Approximate top-K by inner product over k-means partitions (see the module doc). */
export class IvfIndex implements TopKIndex {
  private dim = 0;
  private ids: Int32Array = new Int32Array(0);
  /** `[lists × dim]` centroids (the first `dim` coordinates of the lifted ones). */
  private centroids: Float32Array = new Float32Array(0);
  /** ‖c'‖² / 2 of each lifted centroid: a partition's probe score is q·c minus it. */
  private centroidBias: Float32Array = new Float32Array(0);
  private centroidBiasT: tf.Tensor1D | undefined;
  /** `lists + 1` offsets into `rowOf` / `sorted`. */
  private listOffsets: Int32Array = Int32Array.of(0);
  /** The candidate row at each position of the partition order. */
  private rowOf: Int32Array = new Int32Array(0);
  /** Candidates in partition order, `[N × dim]`. */
  private sorted: Float32Array = new Float32Array(0);
  private centroidsT: tf.Tensor2D | undefined;
  /** The native kernels when built and enabled (else partitions are tensors in `listsT`). */
  private native: NativeBlas | undefined;
  private workspace: { heap: ArrayBuffer; queryOffset: number; scoreOffset: number } | undefined;
  private listsT: (tf.Tensor2D | undefined)[] = [];
  private readonly opts: Required<Omit<IvfOptions, 'lists'>> & { lists?: number };

  constructor(options: IvfOptions = {}) {
    this.opts = { probes: 32, samplePerList: 64, iterations: 10, seed: 42, ...options };
    for (const name of ['lists', 'probes', 'samplePerList', 'iterations'] as const) {
      const value = this.opts[name];
      if (value !== undefined && (!Number.isInteger(value) || value < (name === 'iterations' ? 0 : 1))) throw new Error(`IvfIndex: ${name} must be a positive integer, got ${value}`);
    }
  }

  /** Number of indexed candidates. */
  get size(): number {
    return this.ids.length;
  }

  /** Number of partitions. */
  get lists(): number {
    return this.listOffsets.length - 1;
  }

  /** Partitions searched per query; may be changed between searches. */
  get probes(): number {
    return this.opts.probes;
  }

  set probes(value: number) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`IvfIndex: probes must be a positive integer, got ${value}`);
    this.opts.probes = value;
  }

  index(candidates: Float32Array, dim: number, ids?: Int32Array): void {
    const rows = matrixRows('IvfIndex.index', candidates, dim);
    this.ids = candidateIds('IvfIndex.index', rows, ids);
    this.dim = dim;
    const lists = Math.max(1, Math.min(this.opts.lists ?? defaultIvfLists(rows), rows));
    // Inner product → Euclidean (Bachrach et al. 2014): x' = [x, √(M² − ‖x‖²)] and q' = [q, 0] give
    // ‖q' − x'‖² = ‖q‖² + M² − 2 q·x, so the partitions are Euclidean k-means cells of x' and a
    // query probes the cells nearest to q': the largest q·c − ‖c'‖²/2 over centroids c' = [c, c₊].
    let maxNorm = 0;
    for (let r = 0; r < rows; r++) maxNorm = Math.max(maxNorm, squaredNorm(candidates, r * dim, dim));
    const lifted = (count: number, rowAt: (i: number) => number): Float32Array => {
      const out = new Float32Array(count * (dim + 1));
      for (let i = 0; i < count; i++) {
        const r = rowAt(i);
        out.set(candidates.subarray(r * dim, (r + 1) * dim), i * (dim + 1));
        out[i * (dim + 1) + dim] = Math.sqrt(Math.max(0, maxNorm - squaredNorm(candidates, r * dim, dim)));
      }
      return out;
    };
    // k-means on a seeded sample of samplePerList points per list, then every candidate to its nearest centroid.
    const sampled = new Rng(this.opts.seed).shuffle(Int32Array.from({ length: rows }, (_, i) => i));
    const sampleRows = Math.min(rows, Math.max(lists, lists * this.opts.samplePerList));
    const centroids = rows === 0 ? new Float32Array(dim + 1) : kMeans(lifted(sampleRows, (i) => sampled[i]), dim + 1, lists, this.opts);
    const assigned = new Int32Array(rows);
    for (let from = 0; from < rows; from += LIFT_CHUNK) {
      const count = Math.min(LIFT_CHUNK, rows - from);
      assigned.set(nearestCentroids(lifted(count, (i) => from + i), dim + 1, centroids), from);
    }
    this.centroids = new Float32Array(lists * dim);
    this.centroidBias = new Float32Array(lists);
    for (let l = 0; l < lists; l++) {
      this.centroids.set(centroids.subarray(l * (dim + 1), l * (dim + 1) + dim), l * dim);
      this.centroidBias[l] = squaredNorm(centroids, l * (dim + 1), dim + 1) / 2;
    }
    const { offsets, order } = groupByKey(rows, lists, (i) => assigned[i]);
    this.rowOf = order;
    this.sorted = new Float32Array(rows * dim);
    for (let p = 0; p < rows; p++) this.sorted.set(candidates.subarray(this.rowOf[p] * dim, (this.rowOf[p] + 1) * dim), p * dim);
    this.listOffsets = offsets;
    this.buildTensors();
  }

  search(queries: Float32Array, k: number, exclude?: ExcludeRows): TopKResult {
    checkK('IvfIndex.search', k);
    if (!this.centroidsT) throw new Error('IvfIndex.search: call index() or load() first');
    const numQueries = matrixRows('IvfIndex.search (queries)', queries, this.dim);
    const result = emptyResult(numQueries, k);
    // Partition products are small: OpenBLAS' threads cost more than they give there (and stall on a busy machine).
    const threads = this.native?.getThreads();
    this.native?.setThreads(1);
    try {
      for (let first = 0; first < numQueries; first += QUERY_BLOCK) {
        this.searchBlock(queries, first, Math.min(QUERY_BLOCK, numQueries - first), k, result, exclude);
      }
    } finally {
      if (threads !== undefined) this.native?.setThreads(threads);
    }
    return result;
  }

  /** Searches queries first..first+count: probes per query, then one product per probed partition. */
  private searchBlock(queries: Float32Array, first: number, count: number, k: number, result: TopKResult, exclude?: ExcludeRows): void {
    const { dim } = this;
    const probes = Math.min(this.opts.probes, this.lists);
    const probed = this.probedLists(queries.subarray(first * dim, (first + count) * dim), count, probes);
    // Inverted: the queries probing each partition.
    const { offsets: start, order: queriesOf } = groupByKey(probed.length, this.lists, (i) => probed[i]);
    for (let i = 0; i < queriesOf.length; i++) queriesOf[i] = Math.floor(queriesOf[i] / probes);
    const skips = exclude ? Array.from({ length: count }, (_, q) => new Set(exclude(first + q) ?? [])) : undefined;
    const heaps = Array.from({ length: count }, () => new TopKHeap(k));
    for (let list = 0; list < this.lists; list++) {
      const listStart = this.listOffsets[list];
      const listSize = this.listOffsets[list + 1] - listStart;
      if (listSize === 0) continue;
      const tileRows = Math.max(1, Math.floor(MAX_TILE_VALUES / listSize));
      for (let from = start[list]; from < start[list + 1]; from += tileRows) {
        const members = queriesOf.subarray(from, Math.min(from + tileRows, start[list + 1]));
        const scores = this.scoreTile(queries, first, members, list);
        members.forEach((q, i) => {
          const heap = heaps[q];
          const skip = skips?.[q];
          let threshold = heap.threshold();
          for (let c = 0, at = i * listSize; c < listSize; c++, at++) {
            const score = scores[at];
            if (!(score > threshold)) continue;
            const row = this.rowOf[listStart + c];
            if (skip?.has(row)) continue;
            heap.offer(score, row);
            threshold = heap.threshold();
          }
        });
      }
    }
    heaps.forEach((heap, q) => heap.drainInto(this.ids, result, (first + q) * k));
  }

  /** Scores of queries `first + members[i]` against partition `list`, `[members × list size]` row-major. */
  private scoreTile(queries: Float32Array, first: number, members: Int32Array, list: number): Float32Array {
    const { dim } = this;
    const listStart = this.listOffsets[list];
    const listSize = this.listOffsets[list + 1] - listStart;
    const n = members.length;
    if (this.native && this.workspace) {
      // OpenBLAS sgemm on one buffer holding [partitioned candidates | query tile | score tile].
      const { heap, queryOffset, scoreOffset } = this.workspace;
      const view = new Float32Array(heap);
      members.forEach((q, i) => view.set(queries.subarray((first + q) * dim, (first + q + 1) * dim), queryOffset + i * dim));
      this.native.sgemm(heap, 0, 1, n, listSize, dim, queryOffset, listStart * dim, scoreOffset, 1, 0, 0, n * listSize);
      return view.subarray(scoreOffset, scoreOffset + n * listSize);
    }
    const block = new Float32Array(n * dim);
    members.forEach((q, i) => block.set(queries.subarray((first + q) * dim, (first + q + 1) * dim), i * dim));
    const scores = tf.tidy(() => tf.matMul(tf.tensor2d(block, [n, dim]), this.listsT[list]!));
    const values = scores.dataSync() as Float32Array;
    scores.dispose();
    return values;
  }

  /** The `probes` partitions with the highest centroid scores for each of `count` queries, `[count × probes]`. */
  private probedLists(queries: Float32Array, count: number, probes: number): Int32Array {
    const out = new Int32Array(count * probes);
    const step = Math.max(1, Math.floor(MAX_TILE_VALUES / this.lists));
    for (let q = 0; q < count; q += step) {
      const rows = Math.min(step, count - q);
      const top = tf.tidy(() => {
        const block = tf.tensor2d(queries.subarray(q * this.dim, (q + rows) * this.dim), [rows, this.dim]);
        return tf.topk(tf.sub(tf.matMul(block, this.centroidsT!), this.centroidBiasT!), probes).indices;
      });
      out.set(top.dataSync() as Int32Array, q * probes);
      top.dispose();
    }
    return out;
  }

  /**
   * The engine's copies: the centroids as a tensor, and either one buffer for the native sgemm (the
   * partitioned candidates moved into it) or each partition as a tensor.
   */
  private buildTensors(): void {
    this.dispose();
    this.centroidsT = transposedCandidates(this.centroids, this.dim);
    this.centroidBiasT = tf.tensor1d(this.centroidBias);
    this.native = nativeArrayKernels();
    if (this.native) {
      const maxList = Math.max(0, ...Array.from({ length: this.lists }, (_, l) => this.listOffsets[l + 1] - this.listOffsets[l]));
      const queryOffset = this.sorted.length;
      const scoreOffset = queryOffset + QUERY_BLOCK * this.dim;
      const heap = new ArrayBuffer(4 * (scoreOffset + Math.max(MAX_TILE_VALUES, maxList)));
      new Float32Array(heap).set(this.sorted);
      this.sorted = new Float32Array(heap, 0, this.sorted.length);
      this.workspace = { heap, queryOffset, scoreOffset };
      return;
    }
    this.listsT = Array.from({ length: this.lists }, (_, l) => {
      const [from, to] = [this.listOffsets[l], this.listOffsets[l + 1]];
      return to > from ? transposedCandidates(this.sorted.subarray(from * this.dim, to * this.dim), this.dim) : undefined;
    });
  }

  /** The binary form: magic "MXIV", version, N, dim, lists, probes (uint32), then centroids, their biases, offsets, rows, ids and the partitioned candidates. */
  toBytes(): Uint8Array {
    const header = new Uint32Array([IVF_MAGIC, 1, this.size, this.dim, this.lists, this.opts.probes]);
    const parts: ArrayBufferView[] = [header, this.centroids, this.centroidBias, this.listOffsets, this.rowOf, this.ids, this.sorted];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
      at += p.byteLength;
    }
    return bytes;
  }

  /** Rebuilds an index from `toBytes()` output; throws on a foreign or truncated buffer. */
  static fromBytes(bytes: Uint8Array): IvfIndex {
    if (bytes.length < 24) throw new Error(`IvfIndex.fromBytes: ${bytes.length} bytes is too short for an index header`);
    const copy = new Uint8Array(bytes); // aligned copy
    const [magic, version, rows, dim, lists, probes] = new Uint32Array(copy.buffer, 0, 6);
    if (magic !== IVF_MAGIC || version !== 1) throw new Error('IvfIndex.fromBytes: not a Maxella IVF index (bad magic or version)');
    const expected = 24 + 4 * (lists * dim + 2 * lists + 1 + 2 * rows + rows * dim);
    if (copy.length !== expected || lists < 1 || dim < 1) throw new Error(`IvfIndex.fromBytes: expected ${expected} bytes for ${rows} × ${dim} in ${lists} lists, got ${copy.length}`);
    const index = new IvfIndex({ lists, probes });
    let at = 24;
    const take = <T extends Float32Array | Int32Array>(Kind: { new (b: ArrayBuffer, o: number, n: number): T }, n: number): T => {
      const view = new Kind(copy.buffer, at, n);
      at += 4 * n;
      return view;
    };
    index.dim = dim;
    index.centroids = take(Float32Array, lists * dim);
    index.centroidBias = take(Float32Array, lists);
    index.listOffsets = take(Int32Array, lists + 1);
    index.rowOf = take(Int32Array, rows);
    index.ids = take(Int32Array, rows);
    index.sorted = take(Float32Array, rows * dim);
    if (index.listOffsets[0] !== 0 || index.listOffsets[lists] !== rows) throw new Error('IvfIndex.fromBytes: partition offsets do not cover the candidates');
    index.buildTensors();
    return index;
  }

  /** Writes `toBytes()` to `path`. */
  async save(path: string): Promise<void> {
    await nodeModule('node:fs/promises', 'IvfIndex.save').writeFile(path, this.toBytes());
  }

  /** Reads an index written by `save`. */
  static async load(path: string): Promise<IvfIndex> {
    return IvfIndex.fromBytes(await nodeModule('node:fs/promises', 'IvfIndex.load').readFile(path));
  }

  /** Frees the engine tensors (centroids and partitions). */
  dispose(): void {
    this.centroidsT?.dispose();
    this.centroidBiasT?.dispose();
    this.centroidBiasT = undefined;
    for (const t of this.listsT) t?.dispose();
    this.centroidsT = undefined;
    this.listsT = [];
    this.workspace = undefined;
  }
}

/** Lloyd's k-means of the rows of `sample` (the first `lists` rows start as centroids); an emptied cluster restarts at a random sample row. */
function kMeans(sample: Float32Array, dim: number, lists: number, opts: { iterations: number; seed: number }): Float32Array {
  const rng = new Rng(opts.seed + 1);
  const sampleRows = sample.length / dim;
  const centroids = sample.slice(0, lists * dim);
  const sums = new Float64Array(lists * dim);
  const counts = new Int32Array(lists);
  for (let it = 0; it < opts.iterations; it++) {
    const assigned = nearestCentroids(sample, dim, centroids);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < sampleRows; i++) {
      const c = assigned[i];
      counts[c]++;
      for (let j = 0; j < dim; j++) sums[c * dim + j] += sample[i * dim + j];
    }
    for (let c = 0; c < lists; c++) {
      if (counts[c] === 0) {
        const i = rng.int(sampleRows);
        centroids.set(sample.subarray(i * dim, (i + 1) * dim), c * dim);
        continue;
      }
      for (let j = 0; j < dim; j++) centroids[c * dim + j] = sums[c * dim + j] / counts[c];
    }
  }
  return centroids;
}

/** ‖v[offset .. offset + dim)‖². */
function squaredNorm(v: Float32Array, offset: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) s += v[offset + j] * v[offset + j];
  return s;
}

/** The nearest centroid (Euclidean) of every row: argmax of x·c − ‖c‖²/2, in tiles. */
function nearestCentroids(points: Float32Array, dim: number, centroids: Float32Array): Int32Array {
  const rows = points.length / dim;
  const lists = centroids.length / dim;
  const halfNorms = Float32Array.from({ length: lists }, (_, c) => squaredNorm(centroids, c * dim, dim) / 2);
  const out = new Int32Array(rows);
  const step = Math.max(1, Math.floor(MAX_TILE_VALUES / lists));
  const centroidsT = transposedCandidates(centroids, dim);
  const bias = tf.tensor1d(halfNorms);
  try {
    for (let r = 0; r < rows; r += step) {
      const n = Math.min(step, rows - r);
      const best = tf.tidy(() => tf.argMax(tf.sub(tf.matMul(tf.tensor2d(points.subarray(r * dim, (r + n) * dim), [n, dim]), centroidsT), bias), 1));
      out.set(best.dataSync() as Int32Array, r);
      best.dispose();
    }
  } finally {
    centroidsT.dispose();
    bias.dispose();
  }
  return out;
}
