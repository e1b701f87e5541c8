/**
 * `RankingModel`: TFRS basic ranking. A `FeatureTower` (e.g. user and movie embeddings) feeds an
 * MLP (e.g. 256-64-1) that predicts a score per row; the `Ranking` task compares it with the label
 * column (MSE for ratings).
 */
import { tf } from '../engine/index.ts';
import type { Columns } from '../features/columns.ts';
import { Model, type MetricsTask } from './model.ts';
import { FeatureTower, mapBatches, type FeatureTowerConfig } from './towers.ts';
import { MLP } from '../layers/mlp.ts';
import type { Activation } from '../layers/activations.ts';
import { deriveSeed } from '../layers/initializers.ts';
import { registerModel } from '../train/artifact.ts';

/** What RankingModel needs from a ranking task (src/tasks `Ranking`). */
export interface RankingTaskLike extends MetricsTask {
  call(labels: tf.Tensor, predictions: tf.Tensor, options?: { computeMetrics?: boolean }): tf.Scalar;
}

/** Options of `RankingModel`. */
export interface RankingConfig {
  /** The input features (concatenated embeddings/numeric columns). */
  tower: FeatureTowerConfig;
  /** MLP sizes; the last must be 1. TFRS basic ranking: [256, 64, 1]. */
  layers: number[];
  /** Float32 column with the target; defaults to 'user_rating'. */
  label?: string;
  activation?: Activation;
  /** Activation of the output (e.g. 'sigmoid' for clicks); defaults to 'linear'. */
  finalActivation?: Activation;
  dropout?: number;
  l2?: number;
  seed?: number;
}

/** A pointwise ranking model; `task` may be set later (a loaded artifact has none). */
export class RankingModel extends Model {
  readonly config: RankingConfig;
  readonly tower: FeatureTower;
  readonly mlp: MLP;
  task: RankingTaskLike | undefined;

  constructor(config: RankingConfig, task?: RankingTaskLike) {
    super();
    if (config.layers[config.layers.length - 1] !== 1) throw new Error(`RankingModel: the last layer must have 1 unit, got [${config.layers.join(', ')}]`);
    this.config = config;
    this.tower = this.track(new FeatureTower(config.tower));
    this.mlp = this.track(
      new MLP(config.layers, {
        inputDim: this.tower.outputDim,
        activation: config.activation ?? 'relu',
        finalActivation: config.finalActivation ?? 'linear',
        dropout: config.dropout,
        l2: config.l2,
        name: 'ranking_mlp',
        seed: deriveSeed(config.seed ?? 0, 7),
      }),
    );
    if (task) this.task = this.trackTask(task);
  }

  /** Sets (or replaces) the ranking task. */
  setTask(task: RankingTaskLike): void {
    this.task = this.trackTask(task);
  }

  /** Predicted scores, rows × 1, differentiable. */
  call(batch: Columns, training = false): tf.Tensor2D {
    return this.mlp.apply(this.tower.apply(batch, training), training);
  }

  /** The label column of `batch` as rows × 1. */
  labels(batch: Columns): tf.Tensor2D {
    const name = this.config.label ?? 'user_rating';
    const c = batch.features[name];
    if (!(c instanceof Float32Array)) throw new Error(`RankingModel: label column '${name}' is missing or not Float32`);
    return tf.tensor2d(c, [batch.length, 1]);
  }

  computeLoss(batch: Columns, training: boolean): tf.Scalar {
    if (!this.task) throw new Error('RankingModel: no ranking task (pass one to the constructor or call setTask)');
    return this.task.call(this.labels(batch), this.call(batch, training), { computeMetrics: !training });
  }

  /** Predictions for every row of `columns`. */
  predict(columns: Columns, batchSize = 4096): Float32Array {
    return mapBatches(columns, batchSize, 1, (b) => this.call(b, false));
  }

  getConfig(): RankingConfig {
    return structuredClone(this.config);
  }
}

registerModel('RankingModel', (config: RankingConfig) => new RankingModel(config));
