/**
 * Test fixtures of the app: a small synthetic dataset, quickly trained real models (seconds), and an
 * app context over them. Tests never fake recommendations: every list comes from trained models.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../data/source.ts';
import type { MovieLensDataset } from '../../data/schema.ts';
import { EaseModel } from '../../models/ease.ts';
import { BiasedMatrixFactorization } from '../../models/matrix-factorization.ts';
import { userItemsFromRatings } from '../../models/user-items.ts';
import { saveAppModels, setCurrentVersion } from '../model/artifact.ts';
import { mfRatingPredictor } from '../model/serving.ts';
import { trainAppModels, type AppTrainingOptions } from '../model/train.ts';
import type { ServingModels } from '../recommender/models.ts';

/** The dataset the app tests run on (generated, cached by the data layer). */
export const TEST_DATA = 'synthetic:100k:20000';

/** Training settings that finish in seconds. */
export const QUICK_TRAINING: Partial<AppTrainingOptions> = { epochs: 1, batchSize: 1024, mfIterations: 8 };

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `maxella-${prefix}-`));
}

/** The test dataset. */
export function testDataset(): Promise<MovieLensDataset> {
  return loadDataset(TEST_DATA, { offline: true });
}

/**
 * Serving models from an EASE^R top-K model and one trained biased-MF model (its factors serve as both
 * retrieval embeddings and ranking model): real trained models, but no two-tower training or tuning,
 * for fast unit tests.
 */
export function mfOnlyServingModels(ds: MovieLensDataset): ServingModels {
  const mf = BiasedMatrixFactorization.fit(
    { user: ds.ratings.user, movie: ds.ratings.movie, rating: ds.ratings.rating, numUsers: ds.users.length, numMovies: ds.movies.length },
    { factors: 16, iterations: 8 },
  );
  return {
    version: 'test-mf', trainedAt: new Date().toISOString(), dataset: ds.name, metrics: {}, description: 'EASE^R + biased MF (test)',
    topK: EaseModel.fit(userItemsFromRatings(ds), { lambda: 100 }),
    retrieval: { dim: 16, movieEmbeddings: mf.movieFactors, userEmbeddings: mf.userFactors },
    ranking: mfRatingPredictor(mf),
  };
}

/** Trains the app's default models quickly on `ds` and saves them as the current version under a new folder. */
export async function quickArtifacts(ds: MovieLensDataset): Promise<{ artifacts: string; version: string }> {
  const artifacts = tempDir('models');
  const trained = await trainAppModels(ds, QUICK_TRAINING);
  const { manifest } = await saveAppModels(artifacts, ds, trained);
  await setCurrentVersion(artifacts, manifest.version);
  return { artifacts, version: manifest.version };
}
