/**
 * Listwise ranking (TFRS "listwise ranking" tutorial, the seeds' future work): a ranking model scores
 * every movie of a user's list, and a list loss compares the scores with the ratings — pointwise MSE,
 * pairwise hinge / logistic, softmax, ListMLE or ApproxNDCG — with NDCG and RMSE as metrics.
 *
 * A list batch has one row per list: the user's features (one value per list) and the list's movies
 * as `Ragged` columns of width `listSize`; labels are `listLabelColumns(listSize)` Float32 columns.
 */
import { tf } from '../engine/index.ts';
import { isRagged, type Column, type Columns } from '../features/columns.ts';
import { approxNDCG, listMLE, meanSquaredError, pairwiseHinge, pairwiseLogistic, softmaxListwise, type LossFunction } from '../losses/index.ts';
import { NDCG, RootMeanSquaredError } from '../metrics/index.ts';
import { Ranking } from '../tasks/index.ts';
import { registerModel } from '../train/artifact.ts';
import { floatColumn } from './column-access.ts';
import { Model } from './model.ts';
import { RankingModel, type RankingConfig } from './ranking.ts';

/** The list losses `ListwiseModel` can train with. */
export const LIST_LOSSES = {
  mse: meanSquaredError,
  pairwise_hinge: pairwiseHinge,
  pairwise_logistic: pairwiseLogistic,
  softmax: softmaxListwise,
  list_mle: listMLE,
  approx_ndcg: approxNDCG,
} satisfies Record<string, LossFunction | ((labels: tf.Tensor2D, scores: tf.Tensor2D) => tf.Scalar)>;

/** A list loss name. */
export type ListLoss = keyof typeof LIST_LOSSES;

/** Options of `ListwiseModel`. */
export interface ListwiseConfig {
  /** The per-item scorer (its tower reads item-level columns; `label` is unused). */
  scorer: RankingConfig;
  loss: ListLoss;
  listSize: number;
  /** NDCG cut-offs reported besides the full-list NDCG. */
  ndcgAt?: number[];
}

/** The label column of list position i. */
export function listLabelColumn(i: number): string {
  return `list_rating_${i}`;
}

/** A listwise ranking model over list batches (see the module comment). */
export class ListwiseModel extends Model {
  readonly config: ListwiseConfig;
  readonly scorer: RankingModel;
  private readonly task: Ranking;

  constructor(config: ListwiseConfig) {
    super();
    if (!(config.listSize >= 2)) throw new Error(`ListwiseModel: listSize must be ≥ 2, got ${config.listSize}`);
    if (!(config.loss in LIST_LOSSES)) throw new Error(`ListwiseModel: unknown loss "${config.loss}"; known: ${Object.keys(LIST_LOSSES).join(', ')}`);
    this.config = config;
    this.scorer = new RankingModel(config.scorer);
    this.track(this.scorer.tower);
    this.track(this.scorer.mlp);
    const metrics = [new NDCG(), ...(config.ndcgAt ?? []).map((k) => new NDCG(k)), new RootMeanSquaredError()];
    this.task = this.trackTask(new Ranking({ loss: LIST_LOSSES[config.loss] as LossFunction, metrics }));
  }

  /** Scores, lists × listSize. */
  call(batch: Columns, training = false): tf.Tensor2D {
    const n = this.config.listSize;
    return tf.reshape(this.scorer.call(flattenLists(batch, n), training), [batch.length, n]) as tf.Tensor2D;
  }

  /** Ratings of each list, lists × listSize. */
  labels(batch: Columns): tf.Tensor2D {
    const n = this.config.listSize;
    const values = new Float32Array(batch.length * n);
    for (let i = 0; i < n; i++) {
      const column = floatColumn(batch, listLabelColumn(i));
      for (let r = 0; r < batch.length; r++) values[r * n + i] = column[r];
    }
    return tf.tensor2d(values, [batch.length, n]);
  }

  computeLoss(batch: Columns, training: boolean): tf.Scalar {
    return this.task.call(this.labels(batch), this.call(batch, training), { computeMetrics: !training });
  }

  getConfig(): ListwiseConfig {
    return structuredClone(this.config);
  }
}

/**
 * One row per list item: ragged columns of width `listSize` become their values, other columns are
 * repeated for each item; the list label columns are dropped.
 */
export function flattenLists(batch: Columns, listSize: number): Columns {
  const features: Record<string, Column> = {};
  for (const [name, column] of Object.entries(batch.features)) {
    if (name.startsWith('list_rating_')) continue;
    if (isRagged(column)) {
      if (column.width !== listSize) throw new Error(`flattenLists: ragged column "${name}" has width ${column.width}, expected the list size ${listSize}`);
      features[name] = column.values;
    } else {
      const out = new (column.constructor as Int32ArrayConstructor | Float32ArrayConstructor)(batch.length * listSize);
      for (let r = 0; r < batch.length; r++) out.fill(column[r], r * listSize, (r + 1) * listSize);
      features[name] = out;
    }
  }
  return { length: batch.length * listSize, features };
}

registerModel('ListwiseModel', (config: ListwiseConfig) => new ListwiseModel(config));
