/**
 * Nearest-row search over a matrix of vectors (movies or users): the one place the recommender
 * meets the candidate indexes. Scores are dot products; `normalize` makes them cosines.
 */
import { BruteForce, type TopKIndex } from '../../layers/factorized-top-k.ts';
import { IvfIndex } from '../../layers/ivf-index.ts';

/** Rows found and their scores, best first. */
export interface Neighbours {
  rows: Int32Array;
  scores: Float32Array;
}

/** A searchable set of row vectors. */
export interface NearestSearch {
  readonly size: number;
  readonly kind: string;
  /** The `k` best rows for `query`, skipping rows in `exclude`. */
  search(query: Float32Array, k: number, exclude?: ReadonlySet<number>): Neighbours;
}

/** Rows scaled to unit length (zero rows stay zero). */
export function normalizeRows(vectors: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(vectors.length);
  for (let o = 0; o < vectors.length; o += dim) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += vectors[o + d] * vectors[o + d];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let d = 0; d < dim; d++) out[o + d] = vectors[o + d] * inv;
  }
  return out;
}

/** Above this many rows the search uses the IVF index (k-means partitions) instead of scoring every row. */
export const ANN_THRESHOLD = 20_000;

/**
 * Which candidate index a search runs on ('usearch' and 'hnsw': the HNSW graphs of older artifacts,
 * still loaded; bench/ann measured IVF far ahead of them on trained embeddings).
 */
export type IndexKind = 'brute-force' | 'ivf' | 'usearch' | 'hnsw';

/** A `NearestSearch` over one of the toolkit's candidate indexes. */
class IndexSearch implements NearestSearch {
  constructor(private readonly index: TopKIndex, readonly kind: IndexKind, readonly size: number) {}

  search(query: Float32Array, k: number, exclude?: ReadonlySet<number>): Neighbours {
    const wanted = Math.max(1, Math.min(k, this.size - (exclude?.size ?? 0)));
    const found = this.index.search(query, wanted, exclude ? () => exclude : undefined);
    let n = 0;
    while (n < found.ids.length && found.ids[n] >= 0) n++;
    return { rows: found.ids.slice(0, n), scores: found.scores.slice(0, n) };
  }
}

/** A built index and its kind (what training stores in the artifact). */
export interface BuiltIndex {
  index: TopKIndex;
  kind: IndexKind;
  size: number;
}

/** An index over `vectors` (`size × dim`, ids = row numbers): exact (BruteForce) up to ANN_THRESHOLD rows, else `IvfIndex`. */
export function buildTopKIndex(vectors: Float32Array, dim: number, opts: { normalize?: boolean; annThreshold?: number } = {}): BuiltIndex {
  const rows = opts.normalize ? normalizeRows(vectors, dim) : vectors;
  const size = rows.length / dim;
  const kind: IndexKind = size > (opts.annThreshold ?? ANN_THRESHOLD) ? 'ivf' : 'brute-force';
  const index: TopKIndex = kind === 'ivf' ? new IvfIndex() : new BruteForce('js');
  index.index(rows, dim);
  return { index, kind, size };
}

/** A search over an index already built (e.g. loaded from an artifact) whose ids are row numbers. */
export function searchOver(built: BuiltIndex): NearestSearch {
  return new IndexSearch(built.index, built.kind, built.size);
}

/** A search over `vectors` (`size × dim`): see `buildTopKIndex`. */
export function buildNearestSearch(vectors: Float32Array, dim: number, opts: { normalize?: boolean; annThreshold?: number } = {}): NearestSearch {
  return searchOver(buildTopKIndex(vectors, dim, opts));
}
