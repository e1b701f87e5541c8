/**
 * The TFRS multitask model (seed 001, "Multi-Task Model - Joint Model"): a user tower and a movie
 * tower shared by two tasks — Retrieval (in-batch softmax over user · movie) and Ranking (an MLP on
 * the concatenated embeddings predicts the rating) — with the loss
 *
 *   ratingWeight · rating loss + retrievalWeight · retrieval loss.
 *
 * Weights (1, 0), (0, 1) and (1, 1) give the seeds' rating-only, retrieval-only and joint models;
 * richer towers (extra features, hidden layers) give their tuned joint model.
 */
import { tf } from '../engine/index.ts';
import type { Columns } from '../features/columns.ts';
import { MLP } from '../layers/mlp.ts';
import { deriveSeed } from '../layers/initializers.ts';
import { Ranking, Retrieval } from '../tasks/index.ts';
import { registerModel } from '../train/artifact.ts';
import { labelTensor } from './column-access.ts';
import { Model } from './model.ts';
import { FeatureTower, mapBatches, type FeatureTowerConfig } from './towers.ts';

/** Options of `MultitaskModel`. */
export interface MultitaskConfig {
  user: FeatureTowerConfig;
  movie: FeatureTowerConfig;
  /** The rating model's sizes; the last must be 1 (seed 001: [256, 128, 1]). */
  ratingLayers: number[];
  ratingWeight: number;
  retrievalWeight: number;
  /** Float32 label column; defaults to 'user_rating'. */
  label?: string;
  seed?: number;
}

/** Shared towers, a rating head, and the two weighted tasks. */
export class MultitaskModel extends Model {
  readonly config: MultitaskConfig;
  readonly userTower: FeatureTower;
  readonly movieTower: FeatureTower;
  readonly ratingModel: MLP;
  readonly ratingTask = this.trackTask(new Ranking());
  readonly retrievalTask = new Retrieval();

  constructor(config: MultitaskConfig) {
    super();
    if (config.ratingLayers[config.ratingLayers.length - 1] !== 1) throw new Error(`MultitaskModel: the rating model's last layer must have 1 unit, got [${config.ratingLayers.join(', ')}]`);
    if (!(config.ratingWeight >= 0 && config.retrievalWeight >= 0) || config.ratingWeight + config.retrievalWeight === 0) {
      throw new Error(`MultitaskModel: task weights must be non-negative and not both 0, got (${config.ratingWeight}, ${config.retrievalWeight})`);
    }
    this.config = config;
    this.userTower = this.track(new FeatureTower(config.user));
    this.movieTower = this.track(new FeatureTower(config.movie));
    if (this.userTower.outputDim !== this.movieTower.outputDim) {
      throw new Error(`MultitaskModel: user tower width ${this.userTower.outputDim} differs from movie tower width ${this.movieTower.outputDim}`);
    }
    this.ratingModel = this.track(new MLP(config.ratingLayers, {
      inputDim: this.userTower.outputDim * 2, name: 'rating_model', seed: deriveSeed(config.seed ?? 0, 7),
    }));
  }

  /** Predicted ratings from user and movie embeddings, rows × 1. */
  private rate(users: tf.Tensor2D, movies: tf.Tensor2D, training: boolean): tf.Tensor2D {
    return this.ratingModel.apply(tf.concat([users, movies], 1) as tf.Tensor2D, training);
  }

  /** The weighted sum of the task losses; a task with weight 0 is skipped (its gradient would be 0). */
  computeLoss(batch: Columns, training: boolean): tf.Scalar {
    const users = this.userTower.apply(batch, training);
    const movies = this.movieTower.apply(batch, training);
    const { ratingWeight, retrievalWeight } = this.config;
    let loss: tf.Scalar | undefined;
    // The rating metric is always updated in evaluation, so rating-only and retrieval-only models both report RMSE.
    if (ratingWeight > 0 || !training) {
      const ratingLoss = this.ratingTask.call(labelTensor(batch, this.config.label ?? 'user_rating'), this.rate(users, movies, training), { computeMetrics: !training });
      loss = tf.mul(ratingWeight, ratingLoss) as tf.Scalar;
    }
    if (retrievalWeight > 0) {
      const retrievalLoss = tf.mul(retrievalWeight, this.retrievalTask.call(users, movies, { computeMetrics: false })) as tf.Scalar;
      loss = loss ? (tf.add(loss, retrievalLoss) as tf.Scalar) : retrievalLoss;
    }
    return loss as tf.Scalar;
  }

  /** Predicted ratings for every row of `columns`. */
  predict(columns: Columns, batchSize = 4096): Float32Array {
    return mapBatches(columns, batchSize, 1, (b) => this.rate(this.userTower.apply(b), this.movieTower.apply(b), false));
  }

  /** User (query) embeddings of every row of `columns`. */
  queryEmbeddings(columns: Columns, batchSize = 4096): Float32Array {
    return mapBatches(columns, batchSize, this.userTower.outputDim, (b) => this.userTower.apply(b));
  }

  /** Movie (candidate) embeddings of every row of `columns`. */
  candidateEmbeddings(columns: Columns, batchSize = 4096): Float32Array {
    return mapBatches(columns, batchSize, this.movieTower.outputDim, (b) => this.movieTower.apply(b));
  }

  getConfig(): MultitaskConfig {
    return structuredClone(this.config);
  }
}

registerModel('MultitaskModel', (config: MultitaskConfig) => new MultitaskModel(config));
