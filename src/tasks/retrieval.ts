/**
 * TFRS `tfrs.tasks.Retrieval`: in-batch softmax over query × candidate dot products, with temperature,
 * sampling-probability (logQ) correction, accidental-hit removal and hard-negative mining (in TFRS'
 * order), and factorized top-K metrics over the whole catalogue.
 */
import { tf } from '../engine/index.ts';
import { softmaxCrossEntropy, type Reduction } from '../losses/index.ts';
import type { FactorizedTopK, Metric, Values } from '../metrics/index.ts';
import { correctSamplingProbability, mineHardNegatives, removeAccidentalHits } from './retrieval-logits.ts';
import { collectResults, type Task } from './task.ts';

/** A metric over the in-batch (labels, scores) matrices, e.g. `AUC` (TFRS `batch_metrics`). */
export interface BatchMetric extends Metric {
  update(labels: Values, scores: Values): void;
}

/** Options of `Retrieval` (TFRS argument names in camelCase). */
export interface RetrievalOptions {
  /** Factorized top-K metrics over all candidates (computed when `computeMetrics`). */
  metrics?: FactorizedTopK;
  /** Metrics on the in-batch labels and scores (computed when `computeBatchMetrics`). */
  batchMetrics?: BatchMetric[];
  /** Softmax temperature: scores are divided by it. */
  temperature?: number;
  /** Removes negatives that share the positive's id (needs `candidateIds` in `call`). Default false. */
  removeAccidentalHits?: boolean;
  /** Keep only this many highest-scoring negatives per query. */
  numHardNegatives?: number;
  /** Default `'sum'`, as TFRS' `CategoricalCrossentropy(reduction=SUM)`. */
  lossReduction?: Reduction;
}

/** Per-call inputs of `Retrieval.call`. */
export interface RetrievalCallOptions {
  /** Ids of the candidates (`[C]`): used for accidental hits and, by default, as the true ids for the metrics. */
  candidateIds?: Int32Array;
  /** Sampling probability of each candidate (`[C]`), for the logQ correction. */
  candidateSamplingProbability?: Float32Array;
  /** Per-query loss weights (`[Q]`). */
  sampleWeight?: tf.Tensor1D;
  /** Update the factorized top-K metrics (default true, as TFRS; pass `!training`). */
  computeMetrics?: boolean;
  /** Update the batch metrics (default true, as TFRS). */
  computeBatchMetrics?: boolean;
  /** True candidate ids for the metrics (default: the first Q `candidateIds`; none → score-based). */
  trueCandidateIds?: Int32Array;
  /** Query ids for the metric's `excludeSeen`. */
  queryIds?: Int32Array;
}

/** Most values of identity labels kept between steps (64 MiB of float32). */
const MAX_CACHED_LABELS = 1 << 24;

/** The retrieval task: `call` returns the loss and updates the metrics. */
export class Retrieval implements Task {
  /** The last identity labels (see `identityLabels`). */
  private labels: tf.Tensor2D | undefined;

  constructor(private readonly options: RetrievalOptions = {}) {
    const t = options.temperature;
    if (t !== undefined && !(t > 0)) throw new Error(`Retrieval: temperature must be > 0, got ${t}`);
  }

  /**
   * The loss for a batch: row i of `queryEmbeddings` (`[Q × d]`) was matched with row i of
   * `candidateEmbeddings` (`[C × d]`, C ≥ Q; extra rows are extra negatives).
   */
  call(queryEmbeddings: tf.Tensor2D, candidateEmbeddings: tf.Tensor2D, opts: RetrievalCallOptions = {}): tf.Scalar {
    const [numQueries, dim] = queryEmbeddings.shape;
    if (candidateEmbeddings.shape[1] !== dim || candidateEmbeddings.shape[0] < numQueries) {
      throw new Error(`Retrieval.call: query embeddings [${queryEmbeddings.shape}] need candidate embeddings [≥${numQueries}, ${dim}], got [${candidateEmbeddings.shape}]`);
    }
    if (this.options.removeAccidentalHits && !opts.candidateIds) {
      throw new Error('Retrieval.call: removeAccidentalHits needs candidateIds');
    }
    const [loss, labels, scores] = tf.tidy(() => {
      let logits = this.logits(queryEmbeddings, candidateEmbeddings, opts);
      const eye = this.identityLabels(numQueries, logits.shape[1]);
      if (this.options.numHardNegatives !== undefined) logits = mineHardNegatives(logits, this.options.numHardNegatives);
      const value = softmaxCrossEntropy(eye, logits, { reduction: this.options.lossReduction ?? 'sum', sampleWeight: opts.sampleWeight });
      return [value, eye, logits] as const;
    });
    if (opts.computeBatchMetrics ?? true) this.options.batchMetrics?.forEach((m) => m.update(labels, scores));
    if (labels !== this.labels) labels.dispose();
    scores.dispose();
    if ((opts.computeMetrics ?? true) && this.options.metrics) this.updateTopK(queryEmbeddings, candidateEmbeddings, opts);
    return loss;
  }

  /**
   * The `[rows × columns]` identity labels (row i's positive is candidate i), built without tf.eye
   * (which fills a batch² JS array) and kept between steps of the same shape up to 16 M values
   * (batch 4,096: one-hot and cast cost a fifth of a step). The int32 one-hot is cast explicitly:
   * tfjs-wasm's OneHot ignores a float32 dtype and writes int32 bits.
   */
  private identityLabels(rows: number, columns: number): tf.Tensor2D {
    const cached = this.labels?.isDisposed ? undefined : this.labels;
    if (cached && cached.shape[0] === rows && cached.shape[1] === columns) return cached;
    const eye = tf.cast(tf.oneHot(tf.range(0, rows, 1, 'int32') as tf.Tensor1D, columns), 'float32') as tf.Tensor2D;
    if (rows * columns > MAX_CACHED_LABELS) return eye;
    cached?.dispose();
    this.labels = tf.keep(eye);
    return eye;
  }

  /** Q·Cᵀ (transposing C explicitly: a transposed matMul is slow on wasm), then temperature, logQ, accidental hits. */
  private logits(queries: tf.Tensor2D, candidates: tf.Tensor2D, opts: RetrievalCallOptions): tf.Tensor2D {
    let scores = tf.matMul(queries, tf.transpose(candidates)) as tf.Tensor2D;
    if (this.options.temperature !== undefined) scores = tf.div(scores, this.options.temperature);
    if (opts.candidateSamplingProbability) scores = correctSamplingProbability(scores, opts.candidateSamplingProbability);
    if (this.options.removeAccidentalHits) scores = removeAccidentalHits(scores, opts.candidateIds!);
    return scores;
  }

  private updateTopK(queries: tf.Tensor2D, candidates: tf.Tensor2D, opts: RetrievalCallOptions): void {
    const numQueries = queries.shape[0];
    const trueCandidateIds = opts.trueCandidateIds ?? opts.candidateIds?.subarray(0, numQueries);
    if (trueCandidateIds) {
      this.options.metrics!.update(queries, { trueCandidateIds, queryIds: opts.queryIds });
      return;
    }
    const trueCandidateEmbeddings = tf.slice(candidates, 0, numQueries) as tf.Tensor2D;
    this.options.metrics!.update(queries, { trueCandidateEmbeddings, queryIds: opts.queryIds });
    trueCandidateEmbeddings.dispose();
  }

  resetMetrics(): void {
    this.options.metrics?.reset();
    this.options.batchMetrics?.forEach((m) => m.reset());
  }

  metricResults(): Record<string, number> {
    return collectResults([...(this.options.metrics ? [this.options.metrics] : []), ...(this.options.batchMetrics ?? [])]);
  }
}
