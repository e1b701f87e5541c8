// A user's first program, run by package.test.ts with plain node in a project that installed the
// packed tarball: trains a tiny two-tower model through the package entry and prints its losses.
import { initEngine, loadDataset, randomSplit, features, models, tasks, train } from 'maxella';

await initEngine();
const ds = await loadDataset('synthetic:100k:3000', { offline: true });
const { train: rows } = randomSplit(ds.ratings.length, [0.8, 0.2], 42);
const encoder = new features.MovieLensEncoder({ features: ['user_id', 'movie_title'] }).adapt(ds, rows);
const tower = (name, feature) => ({ name, embeddings: [{ feature, inputDim: encoder.vocabularySize(feature), outputDim: 8 }], seed: 1 });
const model = new models.TwoTowerModel(
  { query: tower('user', 'user_id'), candidate: tower('movie', 'movie_title'), candidateIdFeature: 'movie_title' },
  new tasks.Retrieval(),
);
model.compile({ optimizer: new train.Adagrad({ learningRate: 0.1 }) });
const history = await model.fit(encoder.encode(ds, rows), { epochs: 4, batchSize: 256, seed: 42 });
console.log(JSON.stringify({ loss: history.history.loss }));
