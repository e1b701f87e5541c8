/**
 * Trains the app's models on a dataset:
 *
 * - the **top-K model** behind "Recommended for you": the top-K families the data can afford
 *   (`defaultTopKCandidates`: EASE^R, ...) are tuned on a validation split carved from the given
 *   ratings (per-user stratified, `validation` of each user's ratings held out), the best by nDCG@10
 *   is refitted on all ratings and served; when that is EASE^R on data up to `MAX_BLEND_RATINGS`, a
 *   two-tower top-K model (`fitTwoTowerTopK`) is fitted too and their `ScoreBlend` is served if it
 *   scores higher on the same validation split (ML-100K: it does); its validation metrics, next to
 *   most-popular on the same split, are what the admin page shows;
 * - a two-tower retrieval model (user id → query embedding, movie id → candidate embedding, in-batch
 *   softmax, Adagrad, as the TFRS tutorial) for similar movies, similar users and explanations (on at
 *   most `retrievalExamples` ratings);
 * - a biased matrix-factorization model (ALS, with fold-in) for the predicted stars shown beside a list.
 *
 * They train on the ratings given (the dataset plus the app's own, on a retrain).
 */
import type { MovieLensDataset } from '../../data/schema.ts';
import { randomSplit, stratifiedSplit } from '../../data/splits.ts';
import { initEngine } from '../../engine/index.ts';
import { MovieLensEncoder } from '../../features/movielens.ts';
import { BiasedMatrixFactorization } from '../../models/matrix-factorization.ts';
import { PopularityModel } from '../../models/popularity.ts';
import type { TopKRecommender } from '../../models/top-k.ts';
import { ScoreBlend } from '../../models/blend.ts';
import { TwoTowerModel } from '../../models/two-tower.ts';
import { userItemsFromRatings } from '../../models/user-items.ts';
import { Retrieval } from '../../tasks/retrieval.ts';
import { Adagrad } from '../../train/optimizers.ts';
import { chooseBlendWeight, selectTopKModel } from '../../train/select-top-k.ts';
import { defaultTopKCandidates } from '../../train/top-k-candidates.ts';
import { fitTwoTowerTopK } from '../../train/two-tower-top-k.ts';
import type { HpConfig } from '../../train/tuner.ts';

/** Training settings (defaults: the TFRS basic-retrieval tutorial, the ALS defaults, a 75/25 validation). */
export interface AppTrainingOptions {
  embeddingDim: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  mfFactors: number;
  mfIterations: number;
  /** Share of each user's ratings held out to choose the top-K model (per-user stratified). */
  validation: number;
  /** Validation users sampled per evaluation (bounds the cost on big data). */
  validationUsers: number;
  /**
   * Most ratings the two-tower model trains on per run (a seeded random sample above it): it serves
   * similar movies and explanations, not the list, and one epoch over ML-25M would take ~13 minutes.
   */
  retrievalExamples: number;
  seed: number;
}

/**
 * The defaults of `maxella train` and of `maxella start` when no artifact exists. Retrieval: one
 * epoch at batch 1024 rather than the tutorial's 3 at 4096 (on ML-100K, 90/10 split, seed 42: held-out
 * top-100 0.258 vs 0.233, about 4× faster here).
 */
export const DEFAULT_TRAINING: AppTrainingOptions = {
  embeddingDim: 32, epochs: 1, batchSize: 1024, learningRate: 0.1, mfFactors: 20, mfIterations: 15, validation: 0.25, validationUsers: 5000, retrievalExamples: 2_000_000, seed: 42,
};

/** Where training stands: `stage` and the share of the whole run done (0 … 1). */
export interface TrainingProgress {
  stage: 'top-k' | 'retrieval' | 'ranking' | 'evaluation' | 'saving' | 'done';
  fraction: number;
  message: string;
}

/** How the served top-K model was chosen (recorded in the artifact). */
export interface TopKChoice {
  family: string;
  className: string;
  /** Hyper-parameters of the served fit. */
  hp: HpConfig;
  /** Where the metrics come from. */
  protocol: string;
  /** Each family's best validation nDCG@10 / Precision@10 and its hyper-parameters. */
  candidates: { family: string; hp: HpConfig; ndcg: number; precision: number; trials: number; seconds: number }[];
  /** Families not tried on this data, and why. */
  skipped: string[];
}

/** The trained models and what they scored. */
export interface TrainedAppModels {
  dataset: string;
  trainedAt: string;
  options: AppTrainingOptions;
  encoder: MovieLensEncoder;
  twoTower: TwoTowerModel;
  mf: BiasedMatrixFactorization;
  topK: TopKRecommender;
  topKChoice: TopKChoice;
  metrics: Record<string, number>;
}

/** Share of the run spent on each stage (for one progress bar). */
const TOP_K_SHARE = 0.2;
const RETRIEVAL_SHARE = 0.65;

/**
 * Most ratings the EASE^R + two-tower blend is tried on: two two-tower fits cost ~25 s on ML-100K and
 * grow with the data (ML-1M: minutes), so larger data serves the tuned family alone.
 */
const MAX_BLEND_RATINGS = 250_000;
/** Two-tower weights of the blend tried on validation (EASE^R alone competes with its own validation score). */
const BLEND_WEIGHTS = [0.5, 0.6, 0.7, 0.8, 0.9];

/** Trains the three models on `ds`; `onProgress` is told after every trial, batch and stage. */
export async function trainAppModels(
  ds: MovieLensDataset, options: Partial<AppTrainingOptions> = {}, onProgress: (p: TrainingProgress) => void = () => {},
): Promise<TrainedAppModels> {
  const opts = { ...DEFAULT_TRAINING, ...options };
  await initEngine();
  const { topK, topKChoice, metrics } = await trainTopK(ds, opts, onProgress);
  const allRows = Int32Array.from({ length: ds.ratings.length }, (_, i) => i);
  const encoder = new MovieLensEncoder({ features: ['user_id', 'movie_id'], fitUsers: 'all' }).adapt(ds, allRows);
  const retrievalRows = ds.ratings.length > opts.retrievalExamples ? randomSplit(ds.ratings.length, [opts.retrievalExamples / ds.ratings.length], opts.seed).train : allRows;
  const tower = (name: string, feature: 'user_id' | 'movie_id') => ({
    name, seed: opts.seed, embeddings: [{ feature, inputDim: encoder.vocabularySize(feature), outputDim: opts.embeddingDim }],
  });
  const twoTower = new TwoTowerModel({ query: tower('query', 'user_id'), candidate: tower('candidate', 'movie_id') }, new Retrieval());
  twoTower.compile({ optimizer: new Adagrad({ learningRate: opts.learningRate }) });
  const steps = opts.epochs * Math.ceil(retrievalRows.length / opts.batchSize);
  await twoTower.fit(encoder.encode(ds, retrievalRows), {
    epochs: opts.epochs, batchSize: opts.batchSize, seed: opts.seed,
    callbacks: [{
      onBatchEnd: (_model, step, logs) => onProgress({
        stage: 'retrieval', fraction: TOP_K_SHARE + (RETRIEVAL_SHARE * Math.min(step, steps)) / steps,
        message: `retrieval: step ${Math.min(step, steps)}/${steps}, loss ${logs.loss.toFixed(1)}`,
      }),
    }],
  });
  const rankingStart = TOP_K_SHARE + RETRIEVAL_SHARE;
  onProgress({ stage: 'ranking', fraction: rankingStart, message: 'ranking: alternating least squares' });
  const { ratings, users, movies } = ds;
  // ALS costs ~1.6 s per million ratings and iteration here: beyond 2 M ratings the iterations shrink
  // (to 3 at ML-25M), so predicted stars stay a minute's work; ALS converges in a few sweeps on big data.
  const iterations = Math.max(3, Math.min(opts.mfIterations, Math.round((opts.mfIterations * 2e6) / ds.ratings.length)));
  const mf = BiasedMatrixFactorization.fit(
    { user: ratings.user, movie: ratings.movie, rating: ratings.rating, numUsers: users.length, numMovies: movies.length },
    { factors: opts.mfFactors, iterations, seed: opts.seed },
    (i) => onProgress({ stage: 'ranking', fraction: rankingStart + ((1 - rankingStart - 0.02) * i) / iterations, message: `ranking: ALS iteration ${i}/${iterations}` }),
  );
  return { dataset: ds.name, trainedAt: new Date().toISOString(), options: opts, encoder, twoTower, mf, topK, topKChoice, metrics };
}

/** Chooses the top-K family and hyper-parameters on a validation split, then refits it on all of `ds`. */
async function trainTopK(ds: MovieLensDataset, opts: AppTrainingOptions, onProgress: (p: TrainingProgress) => void) {
  const split = stratifiedSplit(ds, 1 - opts.validation, opts.seed);
  const fit = userItemsFromRatings(ds, split.train);
  const validation = userItemsFromRatings(ds, split.test);
  const all = userItemsFromRatings(ds);
  const { candidates, skipped } = defaultTopKCandidates(all);
  const totalTrials = candidates.reduce((n, c) => n + c.maxTrials, 0);
  let trials = 0;
  onProgress({ stage: 'top-k', fraction: 0, message: `top-K: tuning ${candidates.map((c) => c.name).join(', ') || 'nothing (most-popular only)'} on a ${Math.round(opts.validation * 100)} % validation split` });
  const selection = await selectTopKModel(fit, validation, candidates, {
    sampleUsers: opts.validationUsers, seed: opts.seed,
    onTrial: (name, trial) => {
      trials++;
      onProgress({ stage: 'top-k', fraction: (TOP_K_SHARE * 0.8 * trials) / totalTrials, message: `top-K: ${name} trial ${trials}/${totalTrials}, validation nDCG@10 ${trial.value?.toFixed(3) ?? 'failed'}` });
    },
  });
  const { best, popular } = selection;
  onProgress({ stage: 'top-k', fraction: TOP_K_SHARE * 0.8, message: `top-K: fitting ${best.name} on all ${ds.ratings.length} ratings` });
  const candidate = candidates.find((c) => c.name === best.name);
  const served = candidate?.fit(all, best.hp, opts.seed);
  let topK = served ?? PopularityModel.fromUserItems(all);
  let validated = best.validation;
  let family = best.name;
  let hp = served ? best.hp : {};
  const blendRows: TopKChoice['candidates'] = [];
  if (candidate && served && best.name === 'ease' && ds.ratings.length <= MAX_BLEND_RATINGS) {
    onProgress({ stage: 'top-k', fraction: TOP_K_SHARE * 0.85, message: 'top-K: two-tower lists and their blend with EASE^R on the validation split' });
    const started = performance.now();
    const validationEase = candidate.fit(fit, best.hp, opts.seed);
    const towers = await fitTwoTowerTopK(ds, split.train, { seed: opts.seed });
    const blended = chooseBlendWeight(validationEase, towers.lists, fit, validation, BLEND_WEIGHTS, { sampleUsers: opts.validationUsers, seed: opts.seed });
    const chosen = blended.evaluation.ndcg > validated.ndcg ? blended : { weight: 0, evaluation: validated };
    towers.model.dispose();
    blendRows.push({ family: 'ease+two-tower', hp: { ...best.hp, towerWeight: chosen.weight, towerEpochs: towers.epochs }, ndcg: chosen.evaluation.ndcg, precision: chosen.evaluation.precision, trials: BLEND_WEIGHTS.length, seconds: (performance.now() - started) / 1000 });
    if (chosen.weight > 0) {
      onProgress({ stage: 'top-k', fraction: TOP_K_SHARE * 0.95, message: `top-K: two-tower (${towers.epochs} epochs) on all ratings for the blend (weight ${chosen.weight})` });
      const servedTowers = await fitTwoTowerTopK(ds, Int32Array.from({ length: ds.ratings.length }, (_, i) => i), { seed: opts.seed, epochs: towers.epochs });
      servedTowers.model.dispose();
      topK = ScoreBlend.of(served, servedTowers.lists, chosen.weight);
      validated = chosen.evaluation;
      family = 'ease+two-tower';
      hp = blendRows[0].hp;
    }
  }
  const metrics: Record<string, number> = {
    train_ratings: ds.ratings.length, validation_ratings: split.test.length,
    validation_users: validated.users,
    topk_precision10: validated.precision, topk_recall10: validated.recall, topk_ndcg10: validated.ndcg, topk_map10: validated.map, topk_coverage10: validated.coverage,
    popular_precision10: popular.precision, popular_recall10: popular.recall, popular_ndcg10: popular.ndcg, popular_map10: popular.map,
  };
  const topKChoice: TopKChoice = {
    family, className: topK.className, hp,
    protocol: `validation: per-user stratified split of the given ratings (${Math.round(opts.validation * 100)} % of each user's held out, seed ${opts.seed}, up to ${opts.validationUsers} users sampled); the served model is refitted on all ratings`,
    candidates: [...blendRows, ...selection.candidates.map((c) => ({ family: c.name, hp: c.hp, ndcg: c.validation.ndcg, precision: c.validation.precision, trials: c.trials, seconds: c.seconds }))].sort((a, b) => b.ndcg - a.ndcg),
    skipped,
  };
  return { topK, topKChoice, metrics };
}
