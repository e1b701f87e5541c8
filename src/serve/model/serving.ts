/**
 * Turns a loaded app model into `ServingModels` for one catalogue: the top-K model, tower outputs for
 * every movie and dataset user, computed once, the candidate index stored with the model, and the
 * matrix-factorization model as the rating predictor.
 */
import type { MovieLensDataset } from '../../data/schema.ts';
import type { BiasedMatrixFactorization } from '../../models/matrix-factorization.ts';
import type { RatingPredictor, ServingModels } from '../recommender/models.ts';
import { catalogueFingerprint, type LoadedAppModels } from './artifact.ts';

/** The ranking stage over a biased MF model. */
export function mfRatingPredictor(mf: BiasedMatrixFactorization): RatingPredictor {
  const k = mf.config.factors;
  return {
    trainedUser: (row) => ({ vector: mf.userFactors.subarray(row * k, (row + 1) * k), bias: mf.userBias[row] }),
    foldIn: (rated) => mf.foldIn(rated.movieRows, rated.ratings),
    predict: (user, movieRows) => mf.predictFor(user, movieRows),
  };
}

/** `loaded`'s models over `ds`; throws when they were trained on another movie catalogue. */
export function toServingModels(loaded: LoadedAppModels, ds: MovieLensDataset): ServingModels {
  const { manifest, encoder, twoTower, mf, candidateIndex, topK } = loaded;
  if (topK.numMovies !== ds.movies.length) throw new Error(`model ${manifest.version}'s top-K model covers ${topK.numMovies} movies, the catalogue ${ds.movies.length}`);
  if (manifest.catalogue.fingerprint !== catalogueFingerprint(ds)) {
    throw new Error(`model ${manifest.version} was trained on another movie catalogue (${manifest.dataset}, ${manifest.catalogue.movies} movies) than ${ds.name} (${ds.movies.length} movies)`);
  }
  return {
    version: manifest.version,
    trainedAt: manifest.trainedAt,
    dataset: manifest.dataset,
    metrics: manifest.metrics,
    description: manifest.description,
    retrieval: {
      dim: twoTower.queryTower.outputDim,
      movieEmbeddings: twoTower.candidateEmbeddings(encoder.encodeMovies(ds)),
      userEmbeddings: twoTower.queryEmbeddings(encoder.encodeUsers(ds)),
      candidateIndex,
    },
    topK,
    ranking: mfRatingPredictor(mf),
  };
}
