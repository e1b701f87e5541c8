/** TFRS `tfrs.tasks.Ranking`: a loss on (labels, predictions) plus streaming metrics. */
import type { tf } from '../engine/index.ts';
import { meanSquaredError, type LossFunction } from '../losses/index.ts';
import { RootMeanSquaredError, type Metric } from '../metrics/index.ts';
import { collectResults, type Task } from './task.ts';

/**
 * A metric on labels and predictions: RMSE, MAE, AUC, or (with `[batch, listSize]` tensors) NDCG, MRR,
 * Recall@k — for those the third argument is their validity mask rather than a weight.
 */
export interface RankingMetric extends Metric {
  update(labels: tf.Tensor2D, predictions: tf.Tensor2D, sampleWeight?: tf.Tensor2D): void;
}

/** A metric on predictions alone (TFRS `prediction_metrics`, e.g. a mean of the scores). */
export interface PredictionMetric extends Metric {
  update(predictions: tf.Tensor): void;
}

/** Options of `Ranking`. */
export interface RankingOptions {
  /** Default `meanSquaredError`; any loss in src/losses (e.g. `binaryCrossEntropy`, `listMLE`) fits. */
  loss?: LossFunction;
  /** Default `[new RootMeanSquaredError()]`. */
  metrics?: RankingMetric[];
  predictionMetrics?: PredictionMetric[];
}

/** Per-call options of `Ranking.call`. */
export interface RankingCallOptions {
  /** Update the metrics (default true, as TFRS). */
  computeMetrics?: boolean;
  /** Per-example weights, passed to the loss (as `{ sampleWeight }`) and to the metrics. */
  sampleWeight?: tf.Tensor;
}

/** The ranking task: `call` returns the loss and updates the metrics. */
export class Ranking implements Task {
  private readonly loss: LossFunction;
  private readonly metrics: RankingMetric[];
  private readonly predictionMetrics: PredictionMetric[];

  constructor(options: RankingOptions = {}) {
    this.loss = options.loss ?? meanSquaredError;
    this.metrics = options.metrics ?? [new RootMeanSquaredError()];
    this.predictionMetrics = options.predictionMetrics ?? [];
  }

  /** The loss of `predictions` against `labels` (same shape). */
  call(labels: tf.Tensor, predictions: tf.Tensor, opts: RankingCallOptions = {}): tf.Scalar {
    const loss = opts.sampleWeight ? this.loss(labels, predictions, { sampleWeight: opts.sampleWeight }) : this.loss(labels, predictions);
    if (opts.computeMetrics ?? true) {
      const weight = opts.sampleWeight as tf.Tensor2D | undefined;
      for (const m of this.metrics) m.update(labels as tf.Tensor2D, predictions as tf.Tensor2D, weight);
      for (const m of this.predictionMetrics) m.update(predictions);
    }
    return loss;
  }

  resetMetrics(): void {
    [...this.metrics, ...this.predictionMetrics].forEach((m) => m.reset());
  }

  metricResults(): Record<string, number> {
    return collectResults([...this.metrics, ...this.predictionMetrics]);
  }
}
