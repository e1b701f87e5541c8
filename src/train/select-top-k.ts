/**
 * Chooses a top-K model and its hyper-parameters on a validation split: each candidate family (EASE^R,
 * implicit ALS, ...) is tuned with the library's tuner (`BayesianOptimization` over its search
 * space, maximising validation nDCG@k), the families are compared on the same split, and most-popular
 * is scored beside them. The caller refits the winner on all its data with the same hyper-parameters,
 * so the test data of an experiment, or the served model's future, is never looked at.
 */
import { evaluateTopK, type TopKEvaluation } from '../metrics/evaluate-top-k.ts';
import { ScoreBlend } from '../models/blend.ts';
import { PopularityModel } from '../models/popularity.ts';
import type { TopKRecommender, UserItems } from '../models/top-k.ts';
import { BayesianOptimization, type HpConfig, type SearchSpace, type TrialRecord } from './tuner.ts';

/** The name of most-popular among the results (it has no hyper-parameters and always competes). */
export const MOST_POPULAR = 'most-popular';

/** One model family to tune. */
export interface TopKCandidate {
  /** Short name (e.g. 'ease', 'ials'). */
  name: string;
  space: SearchSpace;
  maxTrials: number;
  /** Fits the family with hyper-parameters `hp` on `train`. */
  fit(train: UserItems, hp: HpConfig, seed: number): TopKRecommender;
}

/** Options of `selectTopKModel`. */
export interface SelectTopKOptions {
  k?: number;
  /** Validation users sampled for each evaluation (default all): bounds the cost on big data. */
  sampleUsers?: number;
  seed?: number;
  /** Told after every trial. */
  onTrial?: (candidate: string, trial: TrialRecord) => void;
}

/** The validation results of one family. */
export interface CandidateResult {
  name: string;
  hp: HpConfig;
  validation: TopKEvaluation;
  trials: number;
  seconds: number;
}

/** What `selectTopKModel` found. */
export interface TopKSelection {
  best: CandidateResult;
  /** Every family's best, most-popular included, best first. */
  candidates: CandidateResult[];
  /** Most-popular on the same validation split. */
  popular: TopKEvaluation;
}

/** Tunes every candidate on (`train`, `validation`) and returns the best by nDCG@k. */
export async function selectTopKModel(train: UserItems, validation: UserItems, candidates: readonly TopKCandidate[], options: SelectTopKOptions = {}): Promise<TopKSelection> {
  const k = options.k ?? 10;
  const seed = options.seed ?? 42;
  const evaluate = (model: TopKRecommender) => evaluateTopK(model, train, validation, { k, sampleUsers: options.sampleUsers, seed });
  const popular = evaluate(PopularityModel.fromUserItems(train));
  const results: CandidateResult[] = [];
  for (const candidate of candidates) {
    const started = performance.now();
    const evaluations = new Map<string, TopKEvaluation>();
    const tuner = new BayesianOptimization({
      space: candidate.space, direction: 'max', maxTrials: candidate.maxTrials, seed,
      numInitialPoints: Math.min(3, candidate.maxTrials),
      objective: async (hp, trial) => {
        const evaluation = evaluate(candidate.fit(train, hp, trial.seed));
        evaluations.set(trial.id, evaluation);
        return { value: evaluation.ndcg, precision: evaluation.precision, recall: evaluation.recall };
      },
      onTrial: (trial) => options.onTrial?.(candidate.name, trial),
    });
    await tuner.search();
    const best = tuner.bestTrial();
    if (!best) continue;
    results.push({ name: candidate.name, hp: best.hp, validation: evaluations.get(best.id)!, trials: candidate.maxTrials, seconds: (performance.now() - started) / 1000 });
  }
  if (candidates.length > 0 && results.length === 0) throw new Error(`selectTopKModel: no candidate completed a trial (${candidates.map((c) => c.name).join(', ')})`);
  // Most-popular competes too: on data without personal signal nothing beats it, and then it is served.
  results.push({ name: MOST_POPULAR, hp: {}, validation: popular, trials: 1, seconds: 0 });
  results.sort((a, b) => b.validation.ndcg - a.validation.ndcg);
  return { best: results[0], candidates: results, popular };
}

/**
 * The weight of `other` in `ScoreBlend.of(base, other, weight)` with the best validation nDCG@k among
 * `weights` (the first of equals), with that evaluation.
 */
export function chooseBlendWeight(
  base: TopKRecommender, other: TopKRecommender, train: UserItems, validation: UserItems, weights: readonly number[], options: { sampleUsers?: number; seed?: number } = {},
): { weight: number; evaluation: TopKEvaluation } {
  if (weights.length === 0) throw new Error('chooseBlendWeight: give at least one weight');
  let chosen: { weight: number; evaluation: TopKEvaluation } | undefined;
  for (const weight of weights) {
    const evaluation = evaluateTopK(ScoreBlend.of(base, other, weight), train, validation, options);
    if (!chosen || evaluation.ndcg > chosen.evaluation.ndcg) chosen = { weight, evaluation };
  }
  return chosen!;
}
