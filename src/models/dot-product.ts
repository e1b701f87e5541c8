/**
 * The TFRS basic-recommender tutorial's `DotRankingModel`: a user tower and a movie tower (embeddings
 * of 32) whose dot product is the predicted rating, trained with the Ranking task (MSE, RMSE): matrix
 * factorization by gradient descent.
 */
import { tf } from '../engine/index.ts';
import type { Columns } from '../features/columns.ts';
import { Ranking } from '../tasks/index.ts';
import { registerModel } from '../train/artifact.ts';
import { labelTensor } from './column-access.ts';
import { Model } from './model.ts';
import { FeatureTower, type FeatureTowerConfig } from './towers.ts';

/** Options of `DotProductModel`. */
export interface DotProductConfig {
  user: FeatureTowerConfig;
  movie: FeatureTowerConfig;
  /** Float32 label column; defaults to 'user_rating'. */
  label?: string;
}

/** Rating = user tower · movie tower. */
export class DotProductModel extends Model {
  readonly config: DotProductConfig;
  readonly userTower: FeatureTower;
  readonly movieTower: FeatureTower;
  private readonly task = this.trackTask(new Ranking());

  constructor(config: DotProductConfig) {
    super();
    this.config = config;
    this.userTower = this.track(new FeatureTower(config.user));
    this.movieTower = this.track(new FeatureTower(config.movie));
    if (this.userTower.outputDim !== this.movieTower.outputDim) {
      throw new Error(`DotProductModel: user tower width ${this.userTower.outputDim} differs from movie tower width ${this.movieTower.outputDim}`);
    }
  }

  /** Predicted ratings, rows × 1. */
  call(batch: Columns, training = false): tf.Tensor2D {
    return tf.sum(tf.mul(this.userTower.apply(batch, training), this.movieTower.apply(batch, training)), 1, true) as tf.Tensor2D;
  }

  computeLoss(batch: Columns, training: boolean): tf.Scalar {
    return this.task.call(labelTensor(batch, this.config.label ?? 'user_rating'), this.call(batch, training), { computeMetrics: !training });
  }

  getConfig(): DotProductConfig {
    return structuredClone(this.config);
  }
}

registerModel('DotProductModel', (config: DotProductConfig) => new DotProductModel(config));
