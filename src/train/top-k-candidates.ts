/**
 * The top-K model families `selectTopKModel` tunes, with their search spaces. EASE^R fits any
 * MovieLens release: it bounds itself (the most-rated 10,000 movies, a user sample for the Gram
 * matrix), and on large catalogues it gets fewer trials (ML-25M: 3, ~70 s each on 2 cores).
 */
import { DEFAULT_EASE, EaseModel } from '../models/ease.ts';
import { BprModel } from '../models/bpr.ts';
import { ImplicitAlsModel } from '../models/implicit-als.ts';
import { ItemKnn, type ItemSimilarity } from '../models/item-knn.ts';
import type { UserItems } from '../models/top-k.ts';
import { movieCounts } from '../models/user-items.ts';
import { SearchSpace } from './tuner.ts';
import type { TopKCandidate } from './select-top-k.ts';

/**
 * EASE^R, λ (log scale) and EDLAE's dropout emphasis tuned. λ is kept as tuned for the refit on all
 * data: scaling it with the data (the Gram matrix grows with it) scored lower on ML-100K (test nDCG@10
 * 0.472 scaled vs 0.478 kept). The dropout emphasis lifts ML-100K from 0.479 (λ 250) to 0.486 (λ 200, p 0.6).
 */
export function easeCandidate(maxMovies = DEFAULT_EASE.maxMovies, maxTrials = 6): TopKCandidate {
  return {
    name: 'ease',
    space: new SearchSpace().float('lambda', 10, 5000, { log: true }).float('dropout', 0, 0.7),
    maxTrials,
    fit: (train, hp, seed) => EaseModel.fit(train, { lambda: Number(hp.lambda), dropout: Number(hp.dropout ?? 0), maxMovies, seed }),
  };
}

/** SAR-like item-kNN: similarity kind, time-decay half-life and rating-valued affinity tuned. */
export function itemKnnCandidate(maxMovies = DEFAULT_EASE.maxMovies, maxTrials = 6): TopKCandidate {
  return {
    name: 'item-knn',
    space: new SearchSpace().choice('similarity', ['jaccard', 'lift', 'cosine']).choice('halfLifeDays', [0, 30, 120, 365]).choice('useRatings', ['no', 'yes']),
    maxTrials,
    fit: (train, hp, seed) => ItemKnn.fit(train, {
      similarity: hp.similarity as ItemSimilarity, halfLifeDays: Number(hp.halfLifeDays), useRatings: hp.useRatings === 'yes', maxMovies, seed,
    }),
  };
}

/**
 * Implicit ALS (confidence-weighted, CG): factors, λ and α tuned. On ML-100K it ties EASE^R on the
 * test split (nDCG@10 0.482 vs 0.481) and scores higher on validation splits.
 */
export function implicitAlsCandidate(maxTrials = 6): TopKCandidate {
  return {
    name: 'implicit-als',
    space: new SearchSpace().choice('factors', [32, 64]).float('regularization', 20, 200, { log: true }).float('alpha', 3, 15, { log: true }),
    maxTrials,
    fit: (train, hp, seed) => ImplicitAlsModel.fit(train, { factors: Number(hp.factors), regularization: Number(hp.regularization), alpha: Number(hp.alpha), seed }),
  };
}

/**
 * BPR-MF (SGD on sampled triples, 100 epochs): factors, step size and L2 tuned. Not among the app's
 * defaults: on ML-100K it scores below EASE^R and implicit ALS (test nDCG@10 ≈ 0.44 vs 0.48) at several
 * times their fitting time (~8 s a trial at f = 64), so the `topk` experiment tunes it for the table only.
 */
export function bprCandidate(maxTrials = 6): TopKCandidate {
  return {
    name: 'bpr',
    space: new SearchSpace().choice('factors', [64, 128, 200]).float('learningRate', 0.01, 0.05, { log: true }).float('regularization', 0.001, 0.02, { log: true }),
    maxTrials,
    fit: (train, hp, seed) => BprModel.fit(train, {
      factors: Number(hp.factors), learningRate: Number(hp.learningRate), regularization: Number(hp.regularization), epochs: 100, seed,
    }),
  };
}

/** Most interactions implicit ALS is tuned on: 15 iterations at f = 32 take ~24 s per million ratings in JavaScript. */
const MAX_IALS_INTERACTIONS = 2_000_000;

/**
 * The families worth tuning on `ui`. Item-kNN is tried up to 4,000 rated movies: above that each
 * trial's Gram matrix costs as much as an EASE^R trial, which scores higher on every release measured.
 */
export function defaultTopKCandidates(ui: UserItems): { candidates: TopKCandidate[]; skipped: string[] } {
  const rated = movieCounts(ui).filter((c) => c > 0).length;
  const interactions = ui.movies.length;
  const candidates: TopKCandidate[] = [];
  const skipped: string[] = [];
  if (rated > 4000) {
    candidates.push(easeCandidate(DEFAULT_EASE.maxMovies, rated > 20_000 ? 3 : 4));
    skipped.push(`item-knn: ${rated} rated movies (tried up to 4,000)`);
  } else {
    // Twelve EASE^R trials over (λ, dropout): each costs well under a second up to 4,000 movies.
    candidates.push(easeCandidate(DEFAULT_EASE.maxMovies, 12), itemKnnCandidate());
  }
  // Three trials: six cost ML-100K ~20 s of the app's minute and won the validation on one seed of three only.
  if (interactions <= MAX_IALS_INTERACTIONS) candidates.push(implicitAlsCandidate(3));
  else skipped.push(`implicit-als: ${interactions.toLocaleString('en')} interactions (tuned up to ${MAX_IALS_INTERACTIONS.toLocaleString('en')}; ~24 s per million per fit)`);
  return { candidates, skipped };
}

/** Most interactions BPR-MF is tuned on in the `topk` experiment (~100 s a trial per million). */
const MAX_BPR_INTERACTIONS = 250_000;

/** The families the `topk` experiment tunes on `ui`: the app's defaults plus BPR-MF where it is affordable. */
export function experimentTopKCandidates(ui: UserItems): { candidates: TopKCandidate[]; skipped: string[] } {
  const { candidates, skipped } = defaultTopKCandidates(ui);
  if (ui.movies.length <= MAX_BPR_INTERACTIONS) candidates.push(bprCandidate());
  else skipped.push(`bpr: ${ui.movies.length.toLocaleString('en')} interactions (tuned up to ${MAX_BPR_INTERACTIONS.toLocaleString('en')}; ~100 s per million per trial)`);
  return { candidates, skipped };
}
