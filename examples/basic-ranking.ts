/**
 * TFRS "Recommending movies: ranking" (basic_ranking) in Maxella.
 *
 *   node --conditions=maxella-source --import tsx examples/basic-ranking.ts [--data <folder or spec>] [--quick] [--epochs <n>]
 *
 * User-id and movie-title embeddings are concatenated and fed to a 256-64-1 MLP that predicts the
 * rating; the `Ranking` task trains it with mean squared error and reports RMSE.
 */
import { MovieLensEncoder } from 'maxella/features';
import { RankingModel } from 'maxella/models';
import { Ranking } from 'maxella/tasks';
import { meanSquaredError } from 'maxella/losses';
import { RootMeanSquaredError } from 'maxella/metrics';
import { Adagrad } from 'maxella/train';
import { epochLogger, exampleOptions, loadExampleData, printMetrics, trainTestSplit, userRow } from './common.ts';

const options = exampleOptions(3);

// ## Preparing the dataset: user ids, movie titles and the rating label (Float32 `user_rating`).
const ds = await loadExampleData(options);
const { train, test } = trainTestSplit(ds, options);
const encoder = new MovieLensEncoder({ features: ['user_id', 'movie_title', 'user_rating'] }).adapt(ds, train);
const trainColumns = encoder.encode(ds, train);
const testColumns = encoder.encode(ds, test);

// ## Implementing a model
// TFRS' RankingModel: user and movie embeddings (32-d each) → Dense(256, relu) → Dense(64, relu) → Dense(1).
// A `FeatureTower` does the lookups + concatenation; `layers` is the rating MLP.
const embeddingDimension = 32;
const model = new RankingModel(
  {
    tower: {
      name: 'embeddings',
      embeddings: [
        { feature: 'user_id', inputDim: encoder.vocabularySize('user_id'), outputDim: embeddingDimension },
        { feature: 'movie_title', inputDim: encoder.vocabularySize('movie_title'), outputDim: embeddingDimension },
      ],
      seed: 1,
    },
    layers: [256, 64, 1],
    label: 'user_rating',
    seed: 2,
  },
  // tfrs.tasks.Ranking(loss=MeanSquaredError(), metrics=[RootMeanSquaredError()]); these are also the defaults.
  new Ranking({ loss: meanSquaredError, metrics: [new RootMeanSquaredError()] }),
);

// ## Fitting and evaluating
model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
await model.fit(trainColumns, { epochs: options.epochs, batchSize: options.quick ? 1024 : 8192, seed: 42, callbacks: [epochLogger()] });
printMetrics('Test set:', model.evaluate(testColumns, { batchSize: 4096 }));

// ## Testing the ranking model: predicted ratings of the tutorial's three movies for user 42.
const user = userRow(ds, 42);
const userId = (encoder.encodeUsers(ds).features.user_id as Int32Array)[user];
const movies = encoder.encodeMovies(ds);
const tutorialTitles = ['M*A*S*H (1970)', 'Dances with Wolves (1990)', 'Speed (1994)'];
const found = tutorialTitles.map((title) => ds.movies.title.indexOf(title));
// (Synthetic data has other titles: take its first three movies then.)
const someMovies = found.every((row) => row >= 0) ? found : [0, 1, 2];
const predictions = model.predict({
  length: someMovies.length,
  features: {
    user_id: new Int32Array(someMovies.length).fill(userId),
    movie_title: Int32Array.from(someMovies, (row) => (movies.features.movie_title as Int32Array)[row]),
  },
});
someMovies.forEach((row, i) => console.log(`${ds.movies.title[row]}: ${predictions[i].toFixed(2)}`));
