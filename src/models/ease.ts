/**
 * EASE^R (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): an item–item
 * weight matrix B learned in closed form, B = I − P · diag(1 / diag(P)) with P = (XᵀX + Λ)⁻¹ and
 * diag(B) = 0, Λ = λI (plus EDLAE's dropout emphasis, `dropout`). A user's scores are their
 * interaction row times B, so a brand-new user is scored from the movies they rated with no
 * retraining (fold-in is exact, not an approximation).
 *
 * Memory and time grow with the square and cube of the catalogue: B is `n × n` float32 (ML-100K's
 * 1,682 movies: 11 MB; ML-1M's 3,706: 55 MB; 10,000 movies: 400 MB), and the inverse costs n³
 * (10,000 movies: ~20 s on 2 cores with the native LAPACK addon). Catalogues larger than `maxMovies`
 * (default 10,000) are restricted to their `maxMovies` most-rated movies: the others are never
 * recommended (score −∞) and do not count in a history. Pass a larger `maxMovies` to go further.
 * The Gram matrix costs Σ over users of their modelled ratings squared; above `maxGramCost` (default
 * 3·10⁹ additions, ~10 s) it is estimated from a seeded random sample of users that fits the budget
 * (ML-25M: about a fifth of its users), which barely changes B on large data.
 */
import { invertSpd } from '../engine/linalg.ts';
import { coOccurrence, ItemItemModel, modelledMovies, type ItemItemConfig } from './item-item.ts';
import { registerTopKModel, type UserItems } from './top-k.ts';

/** EASE^R hyper-parameters. */
export interface EaseOptions {
  /** L2 regularisation λ added to the Gram matrix's diagonal (Steck: 200–1000 on MovieLens). */
  lambda: number;
  /**
   * Dropout emphasis p of EDLAE (Steck, "Autoencoders that don't overfit towards the Identity",
   * NeurIPS 2020): the Gram diagonal also grows by p/(1 − p) · G_ii, the penalty of dropping each input
   * with probability p, so popular movies are regularised more. 0 is plain EASE^R; 0 ≤ p < 1.
   */
  dropout: number;
  /** Largest catalogue modelled; beyond it, the most-rated `maxMovies` movies (see module doc). */
  maxMovies: number;
  /** Most Gram-matrix additions; beyond it, a sample of users (see module doc). */
  maxGramCost: number;
  /** Seed of the user sample. */
  seed: number;
}

export const DEFAULT_EASE: EaseOptions = { lambda: 400, dropout: 0, maxMovies: 10_000, maxGramCost: 3e9, seed: 42 };

/** `getConfig()` of an EASE model. */
export interface EaseConfig extends EaseOptions, ItemItemConfig {
  /** Users whose interactions made the Gram matrix (all, unless over `maxGramCost`). */
  gramUsers: number;
}

/** A fitted EASE^R model over catalogue movie rows. */
export class EaseModel extends ItemItemModel<EaseConfig> {
  readonly className = 'EaseModel';

  /** Fits B on `ui` (every interaction counts 1, whatever its rating). */
  static fit(ui: UserItems, options: Partial<EaseOptions> = {}): EaseModel {
    const opts = { ...DEFAULT_EASE, ...options };
    if (!(opts.lambda > 0)) throw new RangeError(`EaseModel.fit: lambda must be > 0, got ${opts.lambda}`);
    const { movieRows, slot } = modelledMovies(ui, opts.maxMovies);
    const n = movieRows.length;
    const { gram: g, users: gramUsers } = coOccurrence(ui, slot, n, opts.maxGramCost, opts.seed);
    if (!(opts.dropout >= 0 && opts.dropout < 1)) throw new RangeError(`EaseModel.fit: dropout must be in [0, 1), got ${opts.dropout}`);
    const emphasis = opts.dropout / (1 - opts.dropout);
    for (let i = 0; i < n; i++) g[i * n + i] += opts.lambda + emphasis * g[i * n + i];
    const p = invertSpd(g, n);
    // B = −P / diag(P) column-wise, zero diagonal (computed in place over P).
    const diag = new Float32Array(n);
    for (let j = 0; j < n; j++) diag[j] = p[j * n + j];
    for (let i = 0; i < n; i++) {
      const row = i * n;
      for (let j = 0; j < n; j++) p[row + j] = i === j ? 0 : -p[row + j] / diag[j];
    }
    const config: EaseConfig = { ...opts, numUsers: ui.numUsers, numMovies: ui.numMovies, modelled: n, gramUsers };
    return new EaseModel(config, p, movieRows, ui);
  }

  /** Every rated movie counts 1. */
  protected historyWeights(history: { movies: Int32Array }): Float32Array {
    return new Float32Array(history.movies.length).fill(1);
  }

  /** Rebuilds a saved model (it scores by history only: the training interactions are not stored). */
  static fromArtifact(config: EaseConfig, arrays: Record<string, Float32Array | Int32Array>): EaseModel {
    return new EaseModel(config, arrays.weights as Float32Array, arrays.movieRows as Int32Array);
  }
}

registerTopKModel('EaseModel', EaseModel.fromArtifact);
