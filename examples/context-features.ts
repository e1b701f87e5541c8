/**
 * "Taking advantage of context features" (the TFRS basic-recommender tutorial, seed 003, and the
 * featurization tutorial) in Maxella.
 *
 *   node --conditions=maxella-source --import tsx examples/context-features.ts [--data <folder or spec>] [--quick] [--epochs <n>]
 *
 * The timestamp is bucketized (1,000 equal-width buckets → embedding) and normalized (one numeric
 * input); the title is tokenized (TextVectorization → mean-pooled word embeddings). The enriched
 * ranking model is compared with the one-layer model that sees only user id and title.
 */
import { Discretization, MovieLensEncoder, Normalization, TextVectorization } from 'maxella/features';
import type { Columns } from 'maxella/features';
import { RankingModel, type FeatureTowerConfig } from 'maxella/models';
import { Ranking } from 'maxella/tasks';
import { Adagrad } from 'maxella/train';
import { epochLogger, exampleOptions, loadExampleData, printMetrics, trainTestSplit } from './common.ts';

const options = exampleOptions(10);
const ds = await loadExampleData(options);
const { train, test } = trainTestSplit(ds, options);

// ## The preprocessing layers on their own (Keras names, `adapt` then `apply`)
const timestamps = Float64Array.from(train, (row) => ds.ratings.timestamp[row]);
const firstFive = timestamps.subarray(0, 5);

// tf.keras.layers.Normalization(axis=None): (x − mean) / std, learned by adapt().
const normalization = new Normalization({ axis: null }).adapt(timestamps);
console.log('Normalized timestamps:', Array.from(normalization.apply(firstFive), (v) => v.toFixed(2)).join(', '));

// tf.keras.layers.Discretization(np.linspace(min, max, num=1000)): bucket ids for an Embedding.
const [min, max] = timestamps.reduce(([lo, hi], t) => [Math.min(lo, t), Math.max(hi, t)], [Infinity, -Infinity]);
const boundaries = Array.from({ length: 1000 }, (_, i) => min + ((max - min) * i) / 999);
const buckets = new Discretization({ binBoundaries: boundaries });
console.log('Timestamp buckets:', Array.from(buckets.apply(firstFive)).join(', '));

// tf.keras.layers.TextVectorization(max_tokens=10_000), adapted on the titles: token ids, 0 = padding.
const vectorizer = new TextVectorization({ maxTokens: 10_000 }).adapt(ds.movies.title);
const tokens = vectorizer.apply([ds.movies.title[0]]);
console.log(`Tokens of "${ds.movies.title[0]}": ${Array.from(tokens.values).filter((id) => id !== 0).join(', ')}`);

// ## The same features for every rating, through the MovieLens encoder
// It fits exactly those layers (buckets, normalization and vocabularies on the training ratings;
// `fitRatings: 'all'` reproduces the tutorial, which adapts them on all ratings) and emits columns.
const encoder = new MovieLensEncoder({
  features: ['user_id', 'timestamp_bucket', 'timestamp_normalized', 'movie_title', 'movie_title_tokens', 'user_rating'],
  timestampBins: 1000,
  titleMaxTokens: 10_000,
}).adapt(ds, train);
const trainColumns = encoder.encode(ds, train);
const testColumns = encoder.encode(ds, test);

const dim = 32;
const embed = (feature: 'user_id' | 'timestamp_bucket' | 'movie_title' | 'movie_title_tokens') => ({ feature, inputDim: encoder.vocabularySize(feature), outputDim: dim });

/** Trains Dense(64, relu) → Dense(1) over `tower` (the tutorial's rating head) and returns its test logs. */
async function trainRankingModel(title: string, tower: FeatureTowerConfig, data: { train: Columns; test: Columns }) {
  console.log(`\n${title}`);
  const model = new RankingModel({ tower, layers: [64, 1], label: 'user_rating', seed: 2 }, new Ranking());
  model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
  // TFRS: cached_train = train.shuffle(100_000).batch(2048); validation_data=cached_test.
  const history = await model.fit(data.train, { epochs: options.epochs, batchSize: 2048, seed: 42, validationData: data.test, validationBatchSize: 4096, callbacks: [epochLogger()] });
  const rmse = history.history.val_root_mean_squared_error;
  console.log(`RMSE: ${rmse[rmse.length - 1].toFixed(2)}.`);
  return model.evaluate(data.test, { batchSize: 4096 });
}

// One-layer model: user id and title embeddings only.
const oneLayer = await trainRankingModel('One-layer model (user id, title):', { name: 'one_layer', embeddings: [embed('user_id'), embed('movie_title')], seed: 1 }, { train: trainColumns, test: testColumns });

// EnrichedRankingModel: user side = [user id emb, timestamp bucket emb, normalized timestamp],
// movie side = [title emb, mean of title word embeddings (GlobalAveragePooling1D, mask 0)].
const enriched = await trainRankingModel(
  'Enriched model (+ timestamp buckets, normalized timestamp, title words):',
  {
    name: 'enriched',
    embeddings: [embed('user_id'), embed('timestamp_bucket'), embed('movie_title')],
    bags: [embed('movie_title_tokens')],
    numeric: ['timestamp_normalized'],
    seed: 1,
  },
  { train: trainColumns, test: testColumns },
);

printMetrics('\nOne-layer model, test set:', oneLayer);
printMetrics('Enriched model, test set:', enriched);
