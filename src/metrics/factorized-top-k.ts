/**
 * TFRS `FactorizedTopK`: for each query and its true candidate, top-k categorical accuracy = whether
 * the true candidate is among the k best of ALL candidates by dot product. Computed as a rank: the
 * number of candidates scoring strictly higher than the true one (so ties favour the true candidate,
 * as `tf.math.in_top_k` does in TFRS' score-based path); hit@k ⇔ rank < k.
 */
import { tf } from '../engine/index.ts';
import { forEachScoreChunk, matrixRows, transposedCandidates } from '../layers/factorized-top-k.ts';
import { WeightedMean, type Metric } from './metric.ts';

/** Candidate embeddings `[N × dim]` (row-major) and their ids (default: row numbers). */
export interface CandidateSet {
  embeddings: Float32Array;
  dim: number;
  ids?: Int32Array;
}

/** A fixed candidate set, or a function re-read at every evaluation (embeddings change during training). */
export type CandidateSource = CandidateSet | (() => CandidateSet);

/** Options of `FactorizedTopK`. */
export interface FactorizedTopKOptions {
  candidates: CandidateSource;
  /** Cut-offs (default TFRS' 1, 5, 10, 50, 100). */
  ks?: number[];
  /** Metric name prefix (default `factorized_top_k`). */
  name?: string;
  /**
   * Candidate rows to ignore for a query (e.g. the user's training items), keyed by the query id passed
   * to `update` as `queryIds`. The true candidate itself is never ignored.
   */
  excludeSeen?: (queryId: number) => Iterable<number> | undefined;
}

/** What `update` needs besides the query embeddings: the true candidates, by id or by embedding. */
export interface FactorizedTopKUpdate {
  /** Id-based evaluation: the true candidate of each query, matched against the candidate ids. */
  trueCandidateIds?: Int32Array;
  /** Score-based evaluation (no ids): the true candidate embeddings `[Q × dim]`. */
  trueCandidateEmbeddings?: tf.Tensor2D | Float32Array;
  /** Query ids for `excludeSeen` (e.g. user rows). */
  queryIds?: Int32Array;
}

/** Candidates prepared for one evaluation: transposed once, ids indexed. */
interface PreparedCandidates {
  transposed: tf.Tensor2D;
  count: number;
  dim: number;
  rowOfId: Map<number, number>;
}

/** Score-based ranks treat scores within this relative distance as ties (matMul and dot product round differently). */
const SCORE_TIE_TOLERANCE = 1e-6;

/** Streaming top-k categorical accuracy over the full candidate set (TFRS metric names). */
export class FactorizedTopK implements Metric {
  readonly name: string;
  readonly ks: number[];
  private readonly accuracies: WeightedMean[];
  private prepared: PreparedCandidates | undefined;

  constructor(private readonly options: FactorizedTopKOptions) {
    this.name = options.name ?? 'factorized_top_k';
    this.ks = options.ks ?? [1, 5, 10, 50, 100];
    if (this.ks.length === 0 || this.ks.some((k) => !Number.isInteger(k) || k <= 0)) {
      throw new Error(`FactorizedTopK: ks must be positive integers, got [${this.ks}]`);
    }
    this.accuracies = this.ks.map(() => new WeightedMean());
  }

  /** Ranks each query's true candidate among all candidates and accumulates hit@k for every k. */
  update(queryEmbeddings: tf.Tensor2D | Float32Array, truth: FactorizedTopKUpdate): void {
    const candidates = this.prepare();
    const queries = queryEmbeddings instanceof tf.Tensor ? (queryEmbeddings.dataSync() as Float32Array) : queryEmbeddings;
    const numQueries = matrixRows('FactorizedTopK.update (queries)', queries, candidates.dim);
    if (this.options.excludeSeen && truth.queryIds?.length !== numQueries) {
      throw new Error(`FactorizedTopK.update: excludeSeen needs queryIds for all ${numQueries} queries`);
    }
    const positiveRows = this.positiveRows(truth, numQueries, candidates);
    const positiveScores = positiveRows ? undefined : this.positiveScores(truth, queries, numQueries, candidates.dim);
    forEachScoreChunk(queries, candidates.dim, candidates.transposed, (scores, first, rows) => {
      const chunkRows = positiveRows?.subarray(first, first + rows);
      const ranks = tf.tidy(() => {
        const bar = chunkRows
          ? tf.sum(tf.mul(scores, tf.oneHot(tf.tensor1d(chunkRows, 'int32'), candidates.count)), 1, true)
          : tf.tensor2d(positiveScores!.subarray(first, first + rows), [rows, 1]);
        // step(score − bar) is 1 exactly when score > bar (tf.greater broadcasts ~70x slower on wasm).
        let above = tf.step(tf.sub(scores, bar));
        const counted = this.countedMask(truth.queryIds, first, rows, candidates.count, chunkRows);
        if (counted) above = tf.mul(above, counted);
        return tf.sum(above, 1);
      });
      const counts = ranks.dataSync();
      ranks.dispose();
      // A true candidate missing from the index is never retrieved.
      for (let r = 0; r < rows; r++) this.record(chunkRows && chunkRows[r] < 0 ? Infinity : counts[r]);
    });
  }

  /** Accuracy at the largest k (use `results()` for all of them). */
  result(): number {
    return this.accuracies[this.accuracies.length - 1].mean();
  }

  /** `{ 'factorized_top_k/top_1_categorical_accuracy': …, … }` in the order of `ks`. */
  results(): Record<string, number> {
    return Object.fromEntries(this.ks.map((k, i) => [`${this.name}/top_${k}_categorical_accuracy`, this.accuracies[i].mean()]));
  }

  /** Clears the accumulators and forgets the candidates, so the next update re-reads them. */
  reset(): void {
    this.accuracies.forEach((a) => a.reset());
    this.dispose();
  }

  /** Frees the transposed candidate tensor. */
  dispose(): void {
    this.prepared?.transposed.dispose();
    this.prepared = undefined;
  }

  private prepare(): PreparedCandidates {
    if (this.prepared) return this.prepared;
    const set = typeof this.options.candidates === 'function' ? this.options.candidates() : this.options.candidates;
    const count = matrixRows('FactorizedTopK (candidates)', set.embeddings, set.dim);
    if (set.ids && set.ids.length !== count) throw new Error(`FactorizedTopK: ${set.ids.length} candidate ids for ${count} candidates`);
    const rowOfId = new Map<number, number>();
    for (let row = 0; row < count; row++) rowOfId.set(set.ids ? set.ids[row] : row, row);
    // Kept across tf.tidy scopes: the metric is updated inside training/evaluation steps and must
    // outlive them until reset()/dispose().
    this.prepared = { transposed: tf.keep(transposedCandidates(set.embeddings, set.dim)), count, dim: set.dim, rowOfId };
    return this.prepared;
  }

  /** Id-based evaluation: each query's true candidate row (−1 when not indexed); undefined when score-based. */
  private positiveRows(truth: FactorizedTopKUpdate, numQueries: number, candidates: PreparedCandidates): Int32Array | undefined {
    if (!truth.trueCandidateIds) return undefined;
    if (truth.trueCandidateIds.length !== numQueries) throw new Error(`FactorizedTopK.update: ${truth.trueCandidateIds.length} true ids for ${numQueries} queries`);
    return Int32Array.from(truth.trueCandidateIds, (id) => candidates.rowOfId.get(id) ?? -1);
  }

  /**
   * Score-based evaluation: ⟨query, true candidate⟩ in float64, raised by a relative tolerance so that
   * the true candidate, if it is in the index, does not outrank itself through float32 rounding.
   */
  private positiveScores(truth: FactorizedTopKUpdate, queries: Float32Array, numQueries: number, dim: number): Float32Array {
    if (!truth.trueCandidateEmbeddings) throw new Error('FactorizedTopK.update: give trueCandidateIds or trueCandidateEmbeddings');
    const t = truth.trueCandidateEmbeddings;
    const trueEmbeddings = t instanceof tf.Tensor ? (t.dataSync() as Float32Array) : t;
    if (trueEmbeddings.length !== queries.length) throw new Error(`FactorizedTopK.update: ${trueEmbeddings.length / dim} true candidates for ${numQueries} queries`);
    const positives = new Float32Array(numQueries);
    for (let q = 0; q < numQueries; q++) {
      let dot = 0;
      for (let j = q * dim; j < (q + 1) * dim; j++) dot += queries[j] * trueEmbeddings[j];
      positives[q] = dot + SCORE_TIE_TOLERANCE * Math.max(1, Math.abs(dot));
    }
    return positives;
  }

  /** `[rows × N]` 0 where a candidate is excluded for that query (never its positive), else 1; undefined without exclusions. */
  private countedMask(queryIds: Int32Array | undefined, first: number, rows: number, count: number, positiveRows?: Int32Array): tf.Tensor2D | undefined {
    if (!this.options.excludeSeen || !queryIds) return undefined;
    const mask = new Float32Array(rows * count).fill(1);
    for (let r = 0; r < rows; r++) {
      for (const row of this.options.excludeSeen(queryIds[first + r]) ?? []) {
        if (row >= 0 && row < count && row !== positiveRows?.[r]) mask[r * count + row] = 0;
      }
    }
    return tf.tensor2d(mask, [rows, count]);
  }

  private record(rank: number): void {
    this.ks.forEach((k, i) => this.accuracies[i].add(rank < k ? 1 : 0));
  }
}
