/**
 * Factorized top-K candidate indexes (TFRS `tfrs.layers.factorized_top_k`): given candidate
 * embeddings, return the k candidates with the largest dot product for each query.
 * `BruteForce` is exact; `UsearchIndex` (usearch: batched, multi-threaded HNSW) and `HnswIndex`
 * (hnswlib, one point at a time) are approximate, inner-product space; so is `IvfIndex`
 * (`ivf-index.ts`: k-means partitions), the one the app uses on large catalogues.
 */
import type hnswlib from 'hnswlib-node';
import type { BatchMatches, Index as UsearchGraph, Matches, ScalarKind } from 'usearch';
import { tf } from '../engine/index.ts';
import { nodeModule, nodeRequire } from '../util/platform.ts';

/** Node's file system, for saving and loading indexes (`what` names the caller in the browser's error). */
const files = (what: string): typeof import('node:fs/promises') => nodeModule('node:fs/promises', what);

/** Candidate rows to leave out of one query's results (e.g. items the user has already seen). */
export type ExcludeRows = (queryIndex: number) => Iterable<number> | undefined;

/** `k` results per query, row-major (`[numQueries × k]`), best first; missing results are id −1, score −Infinity. */
export interface TopKResult {
  ids: Int32Array;
  scores: Float32Array;
}

/** The interface every candidate index implements. */
export interface TopKIndex {
  /** Indexes `candidates` (`[N × dim]`, row-major) under `ids` (default: the row numbers 0..N−1). */
  index(candidates: Float32Array, dim: number, ids?: Int32Array): void;
  /** The top `k` candidates for each query in `queries` (`[Q × dim]`); `exclude` lists candidate rows to skip. */
  search(queries: Float32Array, k: number, exclude?: ExcludeRows): TopKResult;
}

/** Checks a row-major matrix and returns its number of rows. */
export function matrixRows(where: string, values: Float32Array, dim: number): number {
  if (!Number.isInteger(dim) || dim <= 0) throw new Error(`${where}: dim must be a positive integer, got ${dim}`);
  if (values.length % dim !== 0) throw new Error(`${where}: ${values.length} values are not a whole number of rows of dim ${dim}`);
  return values.length / dim;
}

/** @internal Checks the optional ids of `rows` candidates and returns them (default 0..rows−1). */
export function candidateIds(where: string, rows: number, ids?: Int32Array): Int32Array {
  if (!ids) return Int32Array.from({ length: rows }, (_, i) => i);
  if (ids.length !== rows) throw new Error(`${where}: ${ids.length} ids for ${rows} candidates`);
  return ids;
}

/** The transpose `[dim × N]` of a row-major `[N × dim]` matrix, as a tensor (plain matMul is fast on wasm). */
export function transposedCandidates(candidates: Float32Array, dim: number): tf.Tensor2D {
  const rows = matrixRows('transposedCandidates', candidates, dim);
  const transposed = new Float32Array(candidates.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < dim; c++) transposed[c * rows + r] = candidates[r * dim + c];
  return tf.tensor2d(transposed, [dim, rows]);
}

/** Default bound on one chunk's score matrix: 4M floats (16 MiB). */
const MAX_CHUNK_VALUES = 1 << 22;
/** Default candidates per block of `BruteForce`'s tensor scorer (16 MiB of candidates at dim 64; at 1 M candidates: 64 queries × 65,536 per tile, ~375 queries/s on one EPYC core, against 50 when only queries were chunked). */
const CANDIDATE_BLOCK = 65_536;

/**
 * Computes query × candidate scores in chunks of queries (each chunk's `[rows × N]` scores at most
 * `maxChunkValues` floats) and hands each chunk's score tensor to `onChunk` with the index of its
 * first query. The tensor is disposed after `onChunk` returns.
 */
export function forEachScoreChunk(
  queries: Float32Array, dim: number, candidatesT: tf.Tensor2D,
  onChunk: (scores: tf.Tensor2D, firstQuery: number, rows: number) => void, maxChunkValues = MAX_CHUNK_VALUES,
): void {
  const numQueries = matrixRows('forEachScoreChunk (queries)', queries, dim);
  if (candidatesT.shape[0] !== dim) throw new Error(`forEachScoreChunk: queries have dim ${dim}, candidates ${candidatesT.shape[0]}`);
  const step = Math.max(1, Math.floor(maxChunkValues / Math.max(1, candidatesT.shape[1])));
  for (let first = 0; first < numQueries; first += step) {
    const rows = Math.min(step, numQueries - first);
    const scores = tf.tidy(() => tf.matMul(tf.tensor2d(queries.subarray(first * dim, (first + rows) * dim), [rows, dim]), candidatesT) as tf.Tensor2D);
    try {
      onChunk(scores, first, rows);
    } finally {
      scores.dispose();
    }
  }
}

/**
 * @internal A bounded min-heap of (score, row) keeping the k best (shared by the indexes). Rows are
 * pushed in increasing order, so on equal scores the earlier (lower) row stays: a new entry must beat
 * the worst kept one strictly.
 */
export class TopKHeap {
  private readonly scores: Float32Array;
  private readonly rows: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.scores = new Float32Array(k);
    this.rows = new Int32Array(k);
  }

  /** Offers every row of `scores[offset .. offset + count)` not in `skip`. */
  offerRow(scores: Float32Array, offset: number, count: number, skip: Set<number> | undefined): void {
    let threshold = this.size < this.k ? -Infinity : this.scores[0];
    for (let c = 0; c < count; c++) {
      const s = scores[offset + c];
      if (!(s > threshold)) continue; // also drops NaN and −Infinity while the heap fills
      if (skip !== undefined && skip.has(c)) continue;
      this.push(s, c);
      if (this.size === this.k) threshold = this.scores[0];
    }
  }

  /** The score an entry must beat to be kept (−Infinity while the heap fills). */
  threshold(): number {
    return this.size < this.k ? -Infinity : this.scores[0];
  }

  /** Offers one (score, row); rows must come in increasing order for ties to keep the lower row. */
  offer(score: number, row: number): void {
    if (this.size < this.k ? score > -Infinity : score > this.scores[0]) this.push(score, row);
  }

  /** Adds an entry; when full it replaces the worst (the caller checked it is better). */
  private push(score: number, row: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(score, row, parent)) break;
        this.scores[i] = this.scores[parent];
        this.rows[i] = this.rows[parent];
        i = parent;
      }
      this.scores[i] = score;
      this.rows[i] = row;
      return;
    }
    this.siftDown(score, row, this.size);
  }

  /** True when (score, row) ranks below the entry at `i` (lower score, or equal score and higher row). */
  private worse(score: number, row: number, i: number): boolean {
    return score < this.scores[i] || (score === this.scores[i] && row > this.rows[i]);
  }

  /** Places (score, row) at the root of a heap of `size` entries and restores the heap order. */
  private siftDown(score: number, row: number, size: number): void {
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && this.worse(this.scores[right], this.rows[right], child)) child = right;
      if (this.worse(score, row, child)) break;
      this.scores[i] = this.scores[child];
      this.rows[i] = this.rows[child];
      i = child;
    }
    this.scores[i] = score;
    this.rows[i] = row;
  }

  /** Writes the kept entries best first at `offset` (padding with −1 / −Infinity) and empties the heap. */
  drainInto(candidateIdOf: Int32Array, result: TopKResult, offset: number): void {
    for (let i = this.size; i < this.k; i++) {
      result.ids[offset + i] = -1;
      result.scores[offset + i] = -Infinity;
    }
    // Heap sort: the root is the worst kept entry, so fill from the back.
    for (let last = this.size - 1; last >= 0; last--) {
      result.ids[offset + last] = candidateIdOf[this.rows[0]];
      result.scores[offset + last] = this.scores[0];
      this.siftDown(this.scores[last], this.rows[last], last);
    }
    this.size = 0;
  }
}

/** @internal An empty result for `numQueries × k`. */
export function emptyResult(numQueries: number, k: number): TopKResult {
  return { ids: new Int32Array(numQueries * k), scores: new Float32Array(numQueries * k) };
}

/** @internal Throws unless k is a positive integer. */
export function checkK(where: string, k: number): void {
  if (!Number.isInteger(k) || k <= 0) throw new Error(`${where}: k must be a positive integer, got ${k}`);
}

/**
 * How `BruteForce` computes scores: tensor matMul + topk (fast on wasm / tfjs-node), a plain JS loop
 * (faster on the pure-JS cpu backend), or `'auto'` (the loop on cpu, tensors elsewhere).
 */
export type BruteForceScorer = 'tensor' | 'js' | 'auto';

/** Options of `BruteForce`. */
export interface BruteForceOptions {
  /**
   * Candidates per block of the tensor scorer (default 65,536): scores are computed for a block of
   * queries against one block of candidates at a time and the per-block top k are merged, so the
   * candidate matrix is streamed once per block of queries (not once per few queries) however
   * large the catalogue is.
   */
  candidateBlock?: number;
  /** Bound on one tile's score matrix in floats (default 4M: 16 MiB). */
  maxTileValues?: number;
}

/** One block of candidates, pre-transposed for the tensor scorer. */
interface CandidateBlock {
  first: number;
  count: number;
  transposed: tf.Tensor2D;
}

/**
 * Exact top-K by dot product over every candidate (TFRS `BruteForce`). The `'tensor'` scorer tiles
 * the work: for each block of queries it runs a matMul against each pre-transposed block of
 * candidates and `tf.topk`, and merges the blocks' sorted top k (ties keep the lower row, as
 * `tf.topk` does); `'js'` is a plain loop with a heap selection (no tensors). Candidates scoring
 * −Infinity or NaN are never returned.
 */
export class BruteForce implements TopKIndex {
  private candidates: Float32Array = new Float32Array(0);
  private ids: Int32Array = new Int32Array(0);
  private dim = 0;
  private blocks: CandidateBlock[] = [];
  private readonly candidateBlock: number;
  private readonly maxTileValues: number;

  constructor(private readonly scorer: BruteForceScorer = 'auto', options: BruteForceOptions = {}) {
    this.candidateBlock = options.candidateBlock ?? CANDIDATE_BLOCK;
    this.maxTileValues = options.maxTileValues ?? MAX_CHUNK_VALUES;
    for (const [name, value] of [['candidateBlock', this.candidateBlock], ['maxTileValues', this.maxTileValues]] as const) {
      if (!Number.isInteger(value) || value <= 0) throw new Error(`BruteForce: ${name} must be a positive integer, got ${value}`);
    }
  }

  /** Number of indexed candidates. */
  get size(): number {
    return this.ids.length;
  }

  index(candidates: Float32Array, dim: number, ids?: Int32Array): void {
    const rows = matrixRows('BruteForce.index', candidates, dim);
    this.ids = candidateIds('BruteForce.index', rows, ids);
    this.candidates = candidates;
    this.dim = dim;
    this.disposeBlocks();
    const useTensors = this.scorer === 'tensor' || (this.scorer === 'auto' && tf.getBackend() !== 'cpu');
    if (!useTensors) return;
    for (let first = 0; first < rows; first += this.candidateBlock) {
      const count = Math.min(this.candidateBlock, rows - first);
      this.blocks.push({ first, count, transposed: transposedCandidates(candidates.subarray(first * dim, (first + count) * dim), dim) });
    }
  }

  search(queries: Float32Array, k: number, exclude?: ExcludeRows): TopKResult {
    checkK('BruteForce.search', k);
    if (this.size === 0) throw new Error('BruteForce.search: call index() first');
    const numQueries = matrixRows('BruteForce.search (queries)', queries, this.dim);
    const result = emptyResult(numQueries, k);
    if (this.blocks.length) this.searchWithTopK(queries, numQueries, k, result, exclude);
    else this.searchWithLoop(queries, numQueries, k, result, exclude);
    return result;
  }

  /** Scores one query at a time in plain JS and keeps the best k in a heap. */
  private searchWithLoop(queries: Float32Array, numQueries: number, k: number, result: TopKResult, exclude?: ExcludeRows): void {
    const heap = new TopKHeap(k);
    const scores = new Float32Array(this.size);
    for (let q = 0; q < numQueries; q++) {
      dotAll(queries, q * this.dim, this.candidates, this.dim, scores);
      const excluded = exclude?.(q);
      heap.offerRow(scores, 0, this.size, excluded ? new Set(excluded) : undefined);
      heap.drainInto(this.ids, result, q * k);
    }
  }

  /**
   * Scores and selects inside the engine, tile by tile (a block of queries × a block of candidates:
   * matMul + tf.topk, only `[rows × k]` read back), merging each block's top k into the running one.
   */
  private searchWithTopK(queries: Float32Array, numQueries: number, k: number, result: TopKResult, exclude?: ExcludeRows): void {
    const widest = Math.max(...this.blocks.map((b) => b.count));
    const queryRows = Math.max(1, Math.floor(this.maxTileValues / widest));
    const best = new TopKMerge(Math.min(queryRows, numQueries), k);
    for (let first = 0; first < numQueries; first += queryRows) {
      const rows = Math.min(queryRows, numQueries - first);
      const excluded = exclude ? Array.from({ length: rows }, (_, r) => Array.from(exclude(first + r) ?? [])) : undefined;
      const block = tf.tensor2d(queries.subarray(first * this.dim, (first + rows) * this.dim), [rows, this.dim]);
      best.reset(rows);
      try {
        for (const candidates of this.blocks) {
          const kept = Math.min(k, candidates.count);
          const { values, indices } = tf.tidy(() => {
            let scores = tf.matMul(block, candidates.transposed);
            if (excluded) scores = tf.add(scores, exclusionMask(excluded, candidates.first, rows, candidates.count));
            return tf.topk(scores, kept);
          });
          const topScores = values.dataSync() as Float32Array;
          const topRows = indices.dataSync() as Int32Array;
          values.dispose();
          indices.dispose();
          best.merge(topScores, topRows, kept, candidates.first);
        }
      } finally {
        block.dispose();
      }
      best.writeInto(this.ids, result, first * k);
    }
  }

  /** The binary form: magic "MXBF", version, N, dim (uint32 each), then ids (int32 × N) and candidates (float32 × N·dim). */
  toBytes(): Uint8Array {
    const header = new Uint32Array([BRUTE_FORCE_MAGIC, 1, this.size, this.dim]);
    const bytes = new Uint8Array(16 + 4 * this.size + 4 * this.candidates.length);
    bytes.set(new Uint8Array(header.buffer), 0);
    bytes.set(new Uint8Array(this.ids.buffer, this.ids.byteOffset, this.ids.byteLength), 16);
    bytes.set(new Uint8Array(this.candidates.buffer, this.candidates.byteOffset, this.candidates.byteLength), 16 + 4 * this.size);
    return bytes;
  }

  /** Rebuilds an index from `toBytes()` output; throws on a foreign or truncated buffer. */
  static fromBytes(bytes: Uint8Array, scorer: BruteForceScorer = 'auto'): BruteForce {
    if (bytes.length < 16) throw new Error(`BruteForce.fromBytes: ${bytes.length} bytes is too short for an index header`);
    const copy = new Uint8Array(bytes); // aligned copy
    const [magic, version, rows, dim] = new Uint32Array(copy.buffer, 0, 4);
    if (magic !== BRUTE_FORCE_MAGIC || version !== 1) throw new Error('BruteForce.fromBytes: not a Maxella brute-force index (bad magic or version)');
    if (copy.length !== 16 + 4 * rows + 4 * rows * dim) throw new Error(`BruteForce.fromBytes: expected ${16 + 4 * rows * (1 + dim)} bytes, got ${copy.length}`);
    const index = new BruteForce(scorer);
    index.index(new Float32Array(copy.buffer, 16 + 4 * rows, rows * dim), dim, new Int32Array(copy.buffer, 16, rows));
    return index;
  }

  /** Writes `toBytes()` to `path`. */
  async save(path: string): Promise<void> {
    await files('BruteForce.save').writeFile(path, this.toBytes());
  }

  /** Reads an index written by `save`. */
  static async load(path: string, scorer: BruteForceScorer = 'auto'): Promise<BruteForce> {
    return BruteForce.fromBytes(await files('BruteForce.load').readFile(path), scorer);
  }

  /** Frees the transposed candidate blocks. */
  dispose(): void {
    this.disposeBlocks();
  }

  private disposeBlocks(): void {
    for (const block of this.blocks) block.transposed.dispose();
    this.blocks = [];
  }
}

/**
 * The running top k of a block of queries while candidate blocks stream by: per query, k (score,
 * row) pairs best first; `merge` folds in one block's sorted top k (rows relative to the block).
 * On equal scores the entry already kept (a lower row) stays first.
 */
class TopKMerge {
  private readonly scores: Float32Array;
  private readonly rows: Int32Array;
  private readonly nextScores: Float32Array;
  private readonly nextRows: Int32Array;
  private count = 0;

  constructor(maxQueries: number, private readonly k: number) {
    this.scores = new Float32Array(maxQueries * k);
    this.rows = new Int32Array(maxQueries * k);
    this.nextScores = new Float32Array(maxQueries * k);
    this.nextRows = new Int32Array(maxQueries * k);
  }

  /** Starts a block of `count` queries with nothing kept. */
  reset(count: number): void {
    this.count = count;
    this.scores.fill(-Infinity, 0, count * this.k);
    this.rows.fill(-1, 0, count * this.k);
  }

  /** Merges `[count × kept]` sorted block results whose rows start at candidate row `firstRow`. */
  merge(blockScores: Float32Array, blockRows: Int32Array, kept: number, firstRow: number): void {
    const { k, scores, rows, nextScores, nextRows } = this;
    for (let q = 0; q < this.count; q++) {
      const base = q * k;
      // Most blocks add nothing once the running list is full of good scores.
      if (!(blockScores[q * kept] > scores[base + k - 1])) continue;
      let i = 0;
      let j = 0;
      for (let out = 0; out < k; out++) {
        const fromBlock = j < kept && blockScores[q * kept + j] > scores[base + i];
        if (fromBlock) {
          nextScores[base + out] = blockScores[q * kept + j];
          nextRows[base + out] = firstRow + blockRows[q * kept + j];
          j++;
        } else {
          nextScores[base + out] = scores[base + i];
          nextRows[base + out] = rows[base + i];
          i++;
        }
      }
      scores.set(nextScores.subarray(base, base + k), base);
      rows.set(nextRows.subarray(base, base + k), base);
    }
  }

  /** Writes the kept entries as candidate ids at `offset` (−1 / −Infinity where nothing scored). */
  writeInto(candidateIdOf: Int32Array, result: TopKResult, offset: number): void {
    const n = this.count * this.k;
    for (let i = 0; i < n; i++) {
      const score = this.scores[i];
      const kept = score > -Infinity; // NaN and −Infinity are never returned
      result.scores[offset + i] = kept ? score : -Infinity;
      result.ids[offset + i] = kept ? candidateIdOf[this.rows[i]] : -1;
    }
  }
}

const BRUTE_FORCE_MAGIC = 0x4642584d; // "MXBF" little-endian

/** A `[rows × count]` additive mask: −Infinity on each query's excluded rows among candidates first..first+count, 0 elsewhere. */
function exclusionMask(excluded: number[][], first: number, rows: number, count: number): tf.Tensor2D {
  const mask = new Float32Array(rows * count);
  for (let r = 0; r < rows; r++) {
    for (const row of excluded[r]) if (row >= first && row < first + count) mask[r * count + row - first] = -Infinity;
  }
  return tf.tensor2d(mask, [rows, count]);
}

/** @internal scores[c] = ⟨queries[offset..offset+dim), candidates[c]⟩ for every candidate row c. */
export function dotAll(queries: Float32Array, offset: number, candidates: Float32Array, dim: number, scores: Float32Array): void {
  for (let c = 0, base = 0; c < scores.length; c++, base += dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += queries[offset + j] * candidates[base + j];
    scores[c] = s;
  }
}

/** HNSW graph parameters (hnswlib names). */
export interface HnswOptions {
  /** Graph degree (default 16). */
  m?: number;
  /** Candidate list size while building (default 200). */
  efConstruction?: number;
  /** Candidate list size while searching (default 100; raised to k when smaller). */
  efSearch?: number;
  /** Seed of the level generator (default 100, hnswlib's). */
  randomSeed?: number;
}

/**
 * Approximate top-K by inner product with an HNSW graph (hnswlib-node, space "ip"). Scores returned
 * are the dot products (hnswlib reports 1 − dot). Labels inside the graph are candidate rows.
 */
export class HnswIndex implements TopKIndex {
  private graph: hnswlib.HierarchicalNSW | undefined;
  private ids: Int32Array = new Int32Array(0);
  private dim = 0;

  constructor(private readonly options: HnswOptions = {}) {}

  index(candidates: Float32Array, dim: number, ids?: Int32Array): void {
    const rows = matrixRows('HnswIndex.index', candidates, dim);
    this.ids = candidateIds('HnswIndex.index', rows, ids);
    this.dim = dim;
    this.graph = new (loadHnswlib().HierarchicalNSW)('ip', dim);
    this.graph.initIndex(Math.max(1, rows), this.options.m ?? 16, this.options.efConstruction ?? 200, this.options.randomSeed ?? 100);
    for (let r = 0; r < rows; r++) this.graph.addPoint(Array.from(candidates.subarray(r * dim, (r + 1) * dim)), r);
  }

  search(queries: Float32Array, k: number, exclude?: ExcludeRows): TopKResult {
    checkK('HnswIndex.search', k);
    if (!this.graph) throw new Error('HnswIndex.search: call index() or load() first');
    const numQueries = matrixRows('HnswIndex.search (queries)', queries, this.dim);
    const wanted = Math.min(k, this.ids.length);
    this.graph.setEf(Math.max(this.options.efSearch ?? 100, wanted));
    const result = emptyResult(numQueries, k);
    for (let q = 0; q < numQueries; q++) {
      const skip = exclude ? new Set(exclude(q) ?? []) : undefined;
      const filter = skip?.size ? (row: number) => !skip.has(row) : undefined;
      const found = this.graph.searchKnn(Array.from(queries.subarray(q * this.dim, (q + 1) * this.dim)), Math.min(wanted, this.ids.length - (skip?.size ?? 0)) || 1, filter);
      for (let i = 0; i < k; i++) {
        const hit = i < found.neighbors.length && !skip?.has(found.neighbors[i]);
        result.ids[q * k + i] = hit ? this.ids[found.neighbors[i]] : -1;
        result.scores[q * k + i] = hit ? 1 - found.distances[i] : -Infinity;
      }
    }
    return result;
  }

  /** Writes the graph to `path` (hnswlib format) and the ids and options to `path + '.json'`. */
  async save(path: string): Promise<void> {
    if (!this.graph) throw new Error('HnswIndex.save: nothing indexed');
    await this.graph.writeIndex(path);
    await files('HnswIndex.save').writeFile(`${path}.json`, JSON.stringify({ format: 'maxella-hnsw', version: 1, dim: this.dim, options: this.options, ids: Array.from(this.ids) }));
  }

  /** Reads an index written by `save`. */
  static async load(path: string): Promise<HnswIndex> {
    const meta = JSON.parse(await files('HnswIndex.load').readFile(`${path}.json`, 'utf8')) as { format: string; version: number; dim: number; options: HnswOptions; ids: number[] };
    if (meta.format !== 'maxella-hnsw' || meta.version !== 1) throw new Error(`HnswIndex.load: ${path}.json is not a Maxella HNSW index description`);
    const index = new HnswIndex(meta.options);
    index.dim = meta.dim;
    index.ids = Int32Array.from(meta.ids);
    index.graph = new (loadHnswlib().HierarchicalNSW)('ip', meta.dim);
    await index.graph.readIndex(path);
    return index;
  }
}

/** Options of `UsearchIndex` (usearch names in camelCase). */
export interface UsearchOptions {
  /** Graph degree (default 32). */
  connectivity?: number;
  /** Candidate list size while inserting (default 200). */
  expansionAdd?: number;
  /** Candidate list size while searching (default 512; raised to the number of results fetched). */
  expansionSearch?: number;
  /** How vectors are stored in the graph: 'f32' (default), 'f16', 'bf16' or 'i8' (usearch's i8 assumes coordinates in [−1, 1]). */
  quantization?: 'f32' | 'f16' | 'bf16' | 'i8';
  /**
   * Fetch `oversample × k` graph results and re-rank them by the exact float32 dot product
   * (default 1: no re-ranking). With a quantized graph this restores exact scores and order.
   */
  oversample?: number;
  /** Threads for batched insertion and search (default 0: usearch decides, all cores). */
  threads?: number;
}

/** Defaults from bench/ann: recall@100 ≥ 0.99 on replicated trained ML-100K embeddings (100 k rows). */
const USEARCH_DEFAULTS: Required<Omit<UsearchOptions, 'threads'>> = { connectivity: 32, expansionAdd: 200, expansionSearch: 512, quantization: 'f32', oversample: 1 };

/**
 * Approximate top-K by inner product with usearch's HNSW graph: candidates are inserted in one
 * batched, multi-threaded call and queries are searched in one batched call. Keys inside the graph
 * are candidate rows; the float32 candidates are kept for exact re-ranking (`oversample`) and for
 * saving. Excluded rows are fetched and dropped (the graph has no filter in usearch's JS API).
 */
export class UsearchIndex implements TopKIndex {
  private graph: UsearchGraph | undefined;
  private ids: Int32Array = new Int32Array(0);
  private candidates: Float32Array = new Float32Array(0);
  private dim = 0;
  private readonly options: Required<Omit<UsearchOptions, 'threads'>> & { threads: number };

  constructor(options: UsearchOptions = {}) {
    this.options = { ...USEARCH_DEFAULTS, threads: 0, ...options };
    const { connectivity, expansionAdd, expansionSearch, oversample, threads } = this.options;
    for (const [name, value, min] of [['connectivity', connectivity, 2], ['expansionAdd', expansionAdd, 1], ['expansionSearch', expansionSearch, 1], ['oversample', oversample, 1], ['threads', threads, 0]] as const) {
      if (!Number.isInteger(value) || value < min) throw new Error(`UsearchIndex: ${name} must be an integer ≥ ${min}, got ${value}`);
    }
  }

  /** Number of indexed candidates. */
  get size(): number {
    return this.ids.length;
  }

  /** The options the graph was built with (saved beside it). */
  get config(): UsearchOptions {
    return { ...this.options };
  }

  private newGraph(dim: number): UsearchGraph {
    const { connectivity, expansionAdd, expansionSearch, quantization } = this.options;
    const usearch = loadUsearch();
    return new usearch.Index({
      dimensions: dim, metric: usearch.MetricKind.IP, quantization: quantization as ScalarKind,
      connectivity, expansion_add: expansionAdd, expansion_search: expansionSearch, multi: false,
    });
  }

  index(candidates: Float32Array, dim: number, ids?: Int32Array): void {
    const rows = matrixRows('UsearchIndex.index', candidates, dim);
    this.ids = candidateIds('UsearchIndex.index', rows, ids);
    this.candidates = candidates;
    this.dim = dim;
    this.graph = this.newGraph(dim);
    if (rows === 0) return;
    const keys = new BigUint64Array(rows);
    for (let r = 0; r < rows; r++) keys[r] = BigInt(r);
    this.graph.add(keys, candidates, this.options.threads);
  }

  search(queries: Float32Array, k: number, exclude?: ExcludeRows): TopKResult {
    checkK('UsearchIndex.search', k);
    if (!this.graph) throw new Error('UsearchIndex.search: call index() or load() first');
    const numQueries = matrixRows('UsearchIndex.search (queries)', queries, this.dim);
    const result = emptyResult(numQueries, k);
    if (numQueries === 0 || this.size === 0) {
      result.ids.fill(-1);
      result.scores.fill(-Infinity);
      return result;
    }
    const skips = exclude ? Array.from({ length: numQueries }, (_, q) => new Set(exclude(q) ?? [])) : undefined;
    const mostSkipped = skips ? Math.max(...skips.map((s) => s.size)) : 0;
    const fetched = Math.min(this.size, k * this.options.oversample + mostSkipped);
    const found = batchOf(this.graph.search(queries, fetched, this.options.threads), fetched);
    const heap = new TopKHeap(k);
    const rows = new Int32Array(fetched);
    const scores = new Float32Array(fetched);
    for (let q = 0; q < numQueries; q++) {
      const count = Number(found.counts[q]);
      let n = 0;
      for (let i = 0; i < count; i++) {
        const row = Number(found.keys[q * fetched + i]);
        if (skips?.[q].has(row)) continue;
        rows[n] = row;
        // usearch's inner-product distance is 1 − dot; re-ranking recomputes the exact dot.
        scores[n++] = this.options.oversample > 1 ? dot(queries, q * this.dim, this.candidates, row * this.dim, this.dim) : 1 - found.distances[q * fetched + i];
      }
      // The heap keeps the best k of the n fetched (score, then lower row): offer in row order.
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rows[a] - rows[b]);
      for (const i of order) heap.offer(scores[i], rows[i]);
      heap.drainInto(this.ids, result, q * k);
    }
    return result;
  }

  /** Writes the graph to `path` (usearch format) and the ids, candidates and options to `path + '.json'` / `path + '.f32'`. */
  async save(path: string): Promise<void> {
    if (!this.graph) throw new Error('UsearchIndex.save: nothing indexed');
    this.graph.save(path);
    const { writeFile } = files('UsearchIndex.save');
    await writeFile(`${path}.f32`, new Uint8Array(this.candidates.buffer, this.candidates.byteOffset, this.candidates.byteLength));
    const { threads: _threads, ...options } = this.options;
    await writeFile(`${path}.json`, JSON.stringify({ format: 'maxella-usearch', version: 1, dim: this.dim, rows: this.size, options, ids: Array.from(this.ids) }));
  }

  /** Reads an index written by `save`; `overrides` may change search-time options (expansionSearch, oversample, threads). */
  static async load(path: string, overrides: Pick<UsearchOptions, 'expansionSearch' | 'oversample' | 'threads'> = {}): Promise<UsearchIndex> {
    const { readFile } = files('UsearchIndex.load');
    const meta = JSON.parse(await readFile(`${path}.json`, 'utf8')) as { format: string; version: number; dim: number; rows: number; options: UsearchOptions; ids: number[] };
    if (meta.format !== 'maxella-usearch' || meta.version !== 1) throw new Error(`UsearchIndex.load: ${path}.json is not a Maxella usearch index description`);
    const bytes = await readFile(`${path}.f32`);
    if (bytes.length !== 4 * meta.rows * meta.dim || meta.ids.length !== meta.rows) {
      throw new Error(`UsearchIndex.load: ${path}.f32 holds ${bytes.length} bytes and ${path}.json ${meta.ids.length} ids, expected ${meta.rows} rows of dim ${meta.dim}`);
    }
    const index = new UsearchIndex({ ...meta.options, ...overrides });
    index.dim = meta.dim;
    index.ids = Int32Array.from(meta.ids);
    index.candidates = new Float32Array(new Uint8Array(bytes).buffer);
    index.graph = index.newGraph(meta.dim);
    index.graph.load(path);
    if (index.graph.size() !== meta.rows) throw new Error(`UsearchIndex.load: ${path} holds ${index.graph.size()} vectors, ${path}.json says ${meta.rows}`);
    return index;
  }
}

/** usearch answers one query with `Matches` (no counts) and several with `BatchMatches`: the batch form of either. */
function batchOf(found: Matches | BatchMatches, k: number): { keys: BigUint64Array; distances: Float32Array; counts: BigUint64Array } {
  if ('counts' in found) return found;
  const keys = new BigUint64Array(k);
  const distances = new Float32Array(k);
  keys.set(found.keys.subarray(0, k));
  distances.set(found.distances.subarray(0, k));
  return { keys, distances, counts: BigUint64Array.of(BigInt(Math.min(k, found.keys.length))) };
}

/** ⟨a[aOffset..+dim), b[bOffset..+dim)⟩. */
function dot(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) s += a[aOffset + j] * b[bOffset + j];
  return s;
}

/** hnswlib-node, loaded on first use: a program that builds no HNSW index never needs its native addon. */
function loadHnswlib(): typeof hnswlib {
  return nodeRequire(import.meta.url, 'HnswIndex')('hnswlib-node') as typeof hnswlib;
}

/**
 * usearch, loaded on first use: importing its addon at module load in two worker threads at once
 * (as `experiments run --jobs 2` does) hangs, and most programs never build an ANN index.
 */
function loadUsearch(): typeof import('usearch') {
  return nodeRequire(import.meta.url, 'UsearchIndex')('usearch') as typeof import('usearch');
}
