/**
 * The demo's model, shared by the page (main.ts) and Node (export-model.ts): the TFRS basic-retrieval
 * two-tower model, a 32-d user-id tower and a 32-d movie-title tower, in-batch softmax, Adagrad 0.1.
 */
import { features, metrics, models, tasks, train } from 'maxella/browser';

/** The embedding width of both towers. */
export const EMBEDDING_DIM = 32;

/** A compiled two-tower model over `encoder`'s user ids and movie titles; `topK` adds the metric. */
export function demoModel(encoder: features.MovieLensEncoder, topK?: metrics.FactorizedTopK): models.TwoTowerModel {
  const tower = (name: string, feature: 'user_id' | 'movie_title', seed: number) => ({
    name, seed, embeddings: [{ feature, inputDim: encoder.vocabularySize(feature), outputDim: EMBEDDING_DIM }],
  });
  const model = new models.TwoTowerModel(
    { query: tower('user_model', 'user_id', 1), candidate: tower('movie_model', 'movie_title', 2), candidateIdFeature: 'movie_title' },
    new tasks.Retrieval(topK ? { metrics: topK } : {}),
  );
  model.compile({ optimizer: new train.Adagrad({ learningRate: 0.1 }) });
  return model;
}

/** An encoder of user ids and movie titles. */
export function demoEncoder(): features.MovieLensEncoder {
  return new features.MovieLensEncoder({ features: ['user_id', 'movie_title'] });
}
