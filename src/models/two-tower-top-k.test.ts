/**
 * The two-tower model for top-K lists on real ML-100K (per-user stratified 75/25, seed 42): in-batch
 * softmax over-samples popular movies as negatives, so without a correction its lists are niche and
 * far below most-popular; the logQ correction (`samplingProbabilityFeature`) fixes most of that, and
 * an embedding L2 penalty with early stopping on a validation nDCG@10 (`fitTwoTowerTopK`) the rest.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { readMovieLens } from '../data/readers/index.ts';
import { stratifiedSplit } from '../data/splits.ts';
import { initEngine } from '../engine/index.ts';
import { MovieLensEncoder } from '../features/movielens.ts';
import { evaluateTopK } from '../metrics/evaluate-top-k.ts';
import { Retrieval } from '../tasks/retrieval.ts';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import { Adam } from '../train/optimizers.ts';
import { fitTwoTowerTopK } from '../train/two-tower-top-k.ts';
import { PopularityModel } from './popularity.ts';
import { TwoTowerModel } from './two-tower.ts';
import { userItemsFromRatings } from './user-items.ts';

const DIM = 32;

before(async () => {
  await initEngine();
});

test('two-tower top-10 lists on ML-100K: logQ lifts nDCG@10 from below most-popular to well above it, L2 + early stopping to EASE^R\'s level', { skip: skipWithoutSharedData('ml-100k/u.data'), timeout: 300_000 }, async () => {
  const ds = await readMovieLens(sharedDataPath('ml-100k')!);
  const split = stratifiedSplit(ds, 0.75, 42);
  const train = userItemsFromRatings(ds, split.train);
  const test = userItemsFromRatings(ds, split.test);
  const encoder = new MovieLensEncoder({ features: ['user_id', 'movie_id'] }).adapt(ds, split.train);
  const columns = encoder.encode(ds, split.train);
  const counts = new Float32Array(ds.movies.length);
  for (const r of split.train) counts[ds.ratings.movie[r]]++;
  columns.features.sampling_probability = Float32Array.from(split.train, (r) => counts[ds.ratings.movie[r]] / split.train.length);

  const fitAndScore = async (logQ: boolean): Promise<number> => {
    const tower = (name: string, feature: 'user_id' | 'movie_id', seed: number) => ({ name, seed, embeddings: [{ feature, inputDim: encoder.vocabularySize(feature), outputDim: DIM }] });
    const model = new TwoTowerModel(
      { query: tower('user', 'user_id', 1), candidate: tower('movie', 'movie_id', 2), candidateIdFeature: 'movie_id', ...(logQ ? { samplingProbabilityFeature: 'sampling_probability' } : {}) },
      new Retrieval({ temperature: 0.05, removeAccidentalHits: true }),
    );
    model.compile({ optimizer: new Adam({ learningRate: 0.003 }) });
    await model.fit(columns, { epochs: 10, batchSize: 1024, seed: 42 });
    return evaluateTopK(model.topKLists(encoder.encodeUsers(ds), encoder.encodeMovies(ds)), train, test).ndcg;
  };
  const plain = await fitAndScore(false);
  const corrected = await fitAndScore(true);
  const tuned = await fitTwoTowerTopK(ds, split.train);
  const best = evaluateTopK(tuned.lists, train, test);
  const popular = evaluateTopK(PopularityModel.fromUserItems(train), train, test).ndcg;
  console.log(`# ML-100K two-tower nDCG@10: in-batch softmax ${plain.toFixed(3)}, with logQ ${corrected.toFixed(3)}, + L2 and early stopping (${tuned.epochs} epochs) ${best.ndcg.toFixed(3)} / P@10 ${best.precision.toFixed(3)}; most-popular ${popular.toFixed(3)}`);
  // Measured 0.065 without and 0.369 with the correction, 0.471 / 0.415 tuned (most-popular 0.243).
  assert.ok(plain < popular, `without the correction ${plain} (most-popular ${popular})`);
  assert.ok(corrected > 1.3 * popular, `with logQ ${corrected} (most-popular ${popular})`);
  assert.ok(best.ndcg > 0.45 && best.ndcg > 1.8 * popular, `tuned ${best.ndcg} (most-popular ${popular})`);
  assert.ok(best.precision > 0.40, `tuned P@10 ${best.precision}`);
});
