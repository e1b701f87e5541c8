/**
 * Writing your own model, as the TFRS basic-recommender tutorial (seed 003) does with
 * `DotRankingModel` + `MovielensModel(tfrs.models.Model)`: subclass `Model`, create layers with
 * `this.track(...)`, a task with `this.trackTask(...)`, and implement `computeLoss`.
 *
 *   node --conditions=maxella-source --import tsx examples/custom-model.ts [--data <folder or spec>] [--quick] [--epochs <n>]
 */
import { tf } from 'maxella';
import { MovieLensEncoder, type Columns } from 'maxella/features';
import { Embedding } from 'maxella/layers';
import { Model } from 'maxella/models';
import { Ranking } from 'maxella/tasks';
import { Adagrad, registerModel } from 'maxella/train';
import { epochLogger, exampleOptions, loadExampleData, printMetrics, trainTestSplit } from './common.ts';

/** What the model is rebuilt from (artifacts store it as JSON). */
interface DotRankingConfig {
  users: number;
  movies: number;
  embeddingDimension: number;
}

/** The rating is the dot product of a user and a movie embedding (matrix factorization). */
class DotRankingModel extends Model {
  readonly userEmbeddings: Embedding;
  readonly movieEmbeddings: Embedding;
  // tfrs.tasks.Ranking(loss=MeanSquaredError(), metrics=[RootMeanSquaredError()]) (the defaults).
  readonly task = this.trackTask(new Ranking());

  constructor(readonly config: DotRankingConfig) {
    super();
    // tf.keras.layers.Embedding(len(unique_user_ids) + 1, embedding_dimension), one per side.
    const { users, movies, embeddingDimension } = config;
    this.userEmbeddings = this.track(new Embedding({ inputDim: users, outputDim: embeddingDimension, name: 'user', seed: 1 }));
    this.movieEmbeddings = this.track(new Embedding({ inputDim: movies, outputDim: embeddingDimension, name: 'movie', seed: 2 }));
  }

  /** TFRS `call`: predicted ratings, rows × 1 (tf.keras.layers.Dot(axes=1)). */
  call(batch: Columns): tf.Tensor2D {
    const users = this.userEmbeddings.apply(batch.features.user_id as Int32Array);
    const movies = this.movieEmbeddings.apply(batch.features.movie_title as Int32Array);
    return tf.sum(tf.mul(users, movies), 1, true) as tf.Tensor2D;
  }

  /** TFRS `compute_loss`: the task computes the loss and (when not training) the metrics. */
  computeLoss(batch: Columns, training: boolean): tf.Scalar {
    const labels = tf.tensor2d(batch.features.user_rating as Float32Array, [batch.length, 1]);
    return this.task.call(labels, this.call(batch), { computeMetrics: !training });
  }

  getConfig(): DotRankingConfig {
    return { ...this.config };
  }
}

// Makes `loadArtifact` able to rebuild this class from a saved config.
registerModel('DotRankingModel', (config: DotRankingConfig) => new DotRankingModel(config));

const options = exampleOptions(10);
const ds = await loadExampleData(options);
const { train, test } = trainTestSplit(ds, options);
const encoder = new MovieLensEncoder({ features: ['user_id', 'movie_title', 'user_rating'] }).adapt(ds, train);

const model = new DotRankingModel({ users: encoder.vocabularySize('user_id'), movies: encoder.vocabularySize('movie_title'), embeddingDimension: 32 });
// The tutorial's optimizer. It learns this model slowly (tiny initial embeddings → tiny dot-product
// gradients); new Adam({ learningRate: 0.01 }) gets far lower RMSE in 3 epochs.
model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
// TFRS: model.fit(cached_train, validation_data=cached_test, validation_freq=1, epochs=10).
const history = await model.fit(encoder.encode(ds, train), { epochs: options.epochs, batchSize: 2048, seed: 42, validationData: encoder.encode(ds, test), callbacks: [epochLogger()] });
const rmse = history.history.val_root_mean_squared_error;
printMetrics('Validation after the last epoch:', { val_root_mean_squared_error: rmse[rmse.length - 1] });
