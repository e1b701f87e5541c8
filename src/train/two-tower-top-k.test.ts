import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { stratifiedSplit } from '../data/splits.ts';
import { initEngine } from '../engine/index.ts';
import { MovieLensEncoder } from '../features/movielens.ts';
import { evaluateTopK } from '../metrics/evaluate-top-k.ts';
import { PopularityModel } from '../models/popularity.ts';
import { TwoTowerModel } from '../models/two-tower.ts';
import { userItemsFromRatings } from '../models/user-items.ts';
import { Retrieval } from '../tasks/retrieval.ts';
import { randomDataset } from '../testing/random-dataset.ts';
import { Adam } from './optimizers.ts';
import { fitTwoTowerTopK } from './two-tower-top-k.ts';

before(async () => {
  await initEngine();
});

test('fitTwoTowerTopK: early stopping on validation nDCG picks the refit\'s epochs; lists beat most-popular, with and without extra negatives', async () => {
  const ds = randomDataset({ users: 300, movies: 200, perUser: 25, seed: 5 });
  const split = stratifiedSplit(ds, 0.75, 1);
  const train = userItemsFromRatings(ds, split.train);
  const test = userItemsFromRatings(ds, split.test);
  const popular = evaluateTopK(PopularityModel.fromUserItems(train), train, test).ndcg;
  for (const extraNegatives of [0, 64]) {
    const fitted = await fitTwoTowerTopK(ds, split.train, { dim: 8, batchSize: 256, maxEpochs: 6, extraNegatives, learningRate: 0.01 });
    assert.ok(fitted.validationNdcg.length >= 1 && fitted.validationNdcg.length <= 6);
    assert.equal(fitted.epochs, fitted.validationNdcg.indexOf(Math.max(...fitted.validationNdcg)) + 1);
    const ndcg = evaluateTopK(fitted.lists, train, test).ndcg;
    assert.ok(ndcg > 1.3 * popular, `extra negatives ${extraNegatives}: ${ndcg} vs most-popular ${popular}`);
    assert.throws(() => fitted.lists.scoreHistory({ movies: Int32Array.of(1) }), /training users only/);
    fitted.model.dispose();
  }
});

test('TwoTowerModel: extra negatives need a candidate pool (with probabilities under logQ); embeddingL2 adds to the loss', () => {
  const ds = randomDataset({ users: 40, movies: 30, perUser: 10, seed: 2 });
  const rows = Int32Array.from({ length: ds.ratings.length }, (_, i) => i);
  const encoder = new MovieLensEncoder({ features: ['user_id', 'movie_id'] }).adapt(ds, rows);
  const batch = encoder.encode(ds, rows.subarray(0, 32));
  const tower = (name: string, feature: 'user_id' | 'movie_id') => ({ name, seed: 1, embeddings: [{ feature, inputDim: encoder.vocabularySize(feature), outputDim: 4 }] });
  const make = (extra: Partial<ConstructorParameters<typeof TwoTowerModel>[0]>) => {
    const model = new TwoTowerModel({ query: tower('q', 'user_id'), candidate: tower('c', 'movie_id'), candidateIdFeature: 'movie_id', ...extra }, new Retrieval());
    model.compile({ optimizer: new Adam() });
    return model;
  };
  assert.throws(() => make({ extraNegatives: 8 }).computeLoss(batch, true).dispose(), /needs a candidate pool/);
  assert.throws(() => make({ samplingProbabilityFeature: 'p' }).setCandidatePool(encoder.encodeMovies(ds)), /one sampling probability per pool row/);
  const withNegatives = make({ extraNegatives: 8 });
  withNegatives.setCandidatePool(encoder.encodeMovies(ds));
  const plainLoss = make({}).computeLoss(batch, true);
  const negativesLoss = withNegatives.computeLoss(batch, true);
  assert.ok(negativesLoss.dataSync()[0] > plainLoss.dataSync()[0], 'more negatives, larger softmax loss at the same weights');
  assert.equal(withNegatives.computeLoss(batch, false).dataSync()[0], plainLoss.dataSync()[0], 'no extra negatives outside training');
  const l2Loss = make({ embeddingL2: 1 }).computeLoss(batch, true);
  assert.ok(l2Loss.dataSync()[0] > plainLoss.dataSync()[0]);
  for (const t of [plainLoss, negativesLoss, l2Loss]) t.dispose();
});
