/**
 * The top-K model families `selectTopKModel` tunes, with their search spaces, and which of them a
 * dataset can afford: EASE^R needs the Gram matrix of the modelled movies (Σ over users of their
 * modelled ratings squared additions, and movies² memory), so it is left out above `EASE_GRAM_BUDGET`.
 */
import { DEFAULT_EASE, EaseModel } from '../models/ease.ts';
import type { UserItems } from '../models/top-k.ts';
import { SearchSpace } from './tuner.ts';
import type { TopKCandidate } from './select-top-k.ts';

/** Most Gram-matrix additions (Σ users' ratings²) EASE^R is tried with: ~10 s of JavaScript. */
export const EASE_GRAM_BUDGET = 2e9;

/**
 * EASE^R, λ tuned on a log scale. λ is kept as tuned for the refit on all data: scaling it with the
 * data (the Gram matrix grows with it) scored lower on ML-100K (test nDCG@10 0.472 scaled vs 0.478 kept).
 */
export function easeCandidate(maxMovies = DEFAULT_EASE.maxMovies, maxTrials = 6): TopKCandidate {
  return {
    name: 'ease',
    space: new SearchSpace().float('lambda', 10, 5000, { log: true }),
    maxTrials,
    fit: (train, hp) => EaseModel.fit(train, { lambda: Number(hp.lambda), maxMovies }),
  };
}

/** Σ over users of their interaction count squared: the cost of a Gram matrix over all movies. */
export function gramCost(ui: UserItems): number {
  let cost = 0;
  for (let u = 0; u < ui.numUsers; u++) cost += (ui.offsets[u + 1] - ui.offsets[u]) ** 2;
  return cost;
}

/** The families worth tuning on `ui`, with the reason each one left out was left out. */
export function defaultTopKCandidates(ui: UserItems): { candidates: TopKCandidate[]; skipped: string[] } {
  const candidates: TopKCandidate[] = [];
  const skipped: string[] = [];
  const cost = gramCost(ui);
  if (cost <= EASE_GRAM_BUDGET) candidates.push(easeCandidate());
  else skipped.push(`ease: its Gram matrix needs ${cost.toExponential(1)} additions (budget ${EASE_GRAM_BUDGET.toExponential(0)})`);
  return { candidates, skipped };
}
