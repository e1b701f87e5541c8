/**
 * TFRS "Recommending movies: retrieval" (basic_retrieval) in Maxella.
 *
 *   node --conditions=maxella-source --import tsx examples/basic-retrieval.ts [--data <folder or spec>] [--quick] [--epochs <n>]
 *
 * A two-tower model: a user tower (user id → 32-d embedding) and a movie tower (title → 32-d
 * embedding), trained with the in-batch softmax of the `Retrieval` task, evaluated with
 * `FactorizedTopK` over the whole catalogue, then used through a `BruteForce` index.
 */
import { MovieLensEncoder } from 'maxella/features';
import { BruteForce } from 'maxella/layers';
import { FactorizedTopK } from 'maxella/metrics';
import { PopularityModel, TwoTowerModel } from 'maxella/models';
import { Retrieval } from 'maxella/tasks';
import { Adagrad } from 'maxella/train';
import { epochLogger, exampleOptions, loadExampleData, printMetrics, trainTestSplit, userRow } from './common.ts';

const options = exampleOptions(3);

// ## Preparing the dataset
// The ratings load as parallel typed arrays (no tf.data): the TFRS tutorial's
// `ratings.map(lambda x: {"movie_title": ..., "user_id": ...})` is the encoder's feature list.
const ds = await loadExampleData(options);
const { train, test } = trainTestSplit(ds, options);

// StringLookup vocabularies for user ids and movie titles, adapted on the training rows
// (index 0 is the out-of-vocabulary slot, as Keras' `StringLookup(mask_token=None)`).
const encoder = new MovieLensEncoder({ features: ['user_id', 'movie_title'] }).adapt(ds, train);
const trainColumns = encoder.encode(ds, train);
const testColumns = encoder.encode(ds, test);
// The candidates: one row per movie (TFRS: `movies = tfds.load('movielens/100k-movies')`).
const movies = encoder.encodeMovies(ds);

// ## Implementing a model
const embeddingDimension = 32;

// The metric ranks each test pair's true movie among ALL movies. Its candidates are a function, so
// they are recomputed from the current movie tower at every evaluation.
const metrics: FactorizedTopK = new FactorizedTopK({
  candidates: () => ({
    embeddings: model.candidateEmbeddings(movies),
    dim: embeddingDimension,
    ids: movies.features.movie_title as Int32Array,
  }),
});

const model = new TwoTowerModel(
  {
    // The query tower: tf.keras.Sequential([StringLookup(...), Embedding(len(vocab) + 1, 32)]).
    query: { name: 'user_model', embeddings: [{ feature: 'user_id', inputDim: encoder.vocabularySize('user_id'), outputDim: embeddingDimension }], seed: 1 },
    // The candidate tower, the same over movie titles.
    candidate: { name: 'movie_model', embeddings: [{ feature: 'movie_title', inputDim: encoder.vocabularySize('movie_title'), outputDim: embeddingDimension }], seed: 2 },
    // The column whose ids identify candidates (for the metric's true ids).
    candidateIdFeature: 'movie_title',
  },
  new Retrieval({ metrics }),
);

// ## Fitting and evaluating
model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
// TFRS: cached_train = train.shuffle(100_000).batch(8192). In-batch softmax costs batch² scores
// per step, so --quick uses a smaller batch.
await model.fit(trainColumns, { epochs: options.epochs, batchSize: options.quick ? 2048 : 8192, seed: 42, callbacks: [epochLogger()] });

// `evaluate` returns { loss, factorized_top_k/top_1_categorical_accuracy, ..., top_100 }.
printMetrics('Test set:', model.evaluate(testColumns, { batchSize: 4096 }));

// A yardstick the tutorial leaves out: recommending the most-rated movies to everyone. On MovieLens
// it is hard to beat; show retrieval results next to it.
const movieOf = (rows: Int32Array) => Int32Array.from(rows, (r) => ds.ratings.movie[r]);
printMetrics('Most-popular baseline, test set:', PopularityModel.fit(movieOf(train), ds.movies.length).topKAccuracy(movieOf(test)));

// ## Making predictions
// TFRS: index = tfrs.layers.factorized_top_k.BruteForce(model.user_model); index.index_from_dataset(...).
// Here the index takes the candidate embeddings (ids default to their rows: movies-table rows);
// queries are user-tower outputs.
const index = new BruteForce();
index.index(model.candidateEmbeddings(movies), embeddingDimension);
const user = userRow(ds, 42);
const users = encoder.encodeUsers(ds);
const query = model.queryEmbeddings({ length: 1, features: { user_id: Int32Array.of((users.features.user_id as Int32Array)[user]) } });
const { ids } = index.search(query, 3);
console.log(`Recommendations for user ${ds.users.id[user]}: ${Array.from(ids, (row) => ds.movies.title[row]).join(' | ')}`);
index.dispose();
