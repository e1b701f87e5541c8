/**
 * Implicit-feedback ALS (Hu, Koren & Volinsky, "Collaborative Filtering for Implicit Feedback
 * Datasets", ICDM 2008): every rated movie is a preference p = 1 with confidence c = 1 + α (or
 * 1 + α · stars / 5 with `useRatings`), every other movie p = 0 with confidence 1, and
 *
 *   min Σ_u,i c_ui (p_ui − x_u · y_i)² + λ (Σ_u |x_u|² + Σ_i |y_i|²).
 *
 * Each half-step solves every row's least squares with a few conjugate-gradient steps warm-started
 * from the previous factors (Takács, Pilászy & Tikk 2011; the `implicit` library's default), using
 * YᵀY once per half-step, so an iteration costs O(interactions · f · cgSteps + rows · f²) and memory
 * is (users + movies) · f floats: linear in the data, ML-25M included.
 *
 * Scoring folds the user in: their vector is the exact solution of their own least-squares problem
 * given the movie factors (a Cholesky solve of an f × f system), so a brand-new user or a new rating
 * changes the list on the next request with no retrain, and a saved model keeps the movie factors only.
 */
import { choleskySolve } from '../engine/linalg.ts';
import { Rng } from '../util/random.ts';
import { factorScores, registerTopKModel, type ItemHistory, type TopKRecommender, type UserItems } from './top-k.ts';
import { scoreTrainingUsers } from './user-items.ts';
import { gathered, groupByKey } from '../util/group.ts';

/** Implicit ALS hyper-parameters (the `implicit` library's names). */
export interface ImplicitAlsOptions {
  /** Latent dimension f. */
  factors: number;
  /** L2 weight λ of both factor matrices. */
  regularization: number;
  /** Confidence of a rated movie: 1 + alpha (times stars / 5 with `useRatings`). */
  alpha: number;
  /** Alternating sweeps (users, then movies). */
  iterations: number;
  /** Conjugate-gradient steps per row and half-step. */
  cgSteps: number;
  /** Scale each rating's confidence by its stars / 5. */
  useRatings: boolean;
  /** Seed of the initial factors. */
  seed: number;
}

export const DEFAULT_IMPLICIT_ALS: ImplicitAlsOptions = { factors: 64, regularization: 0.05, alpha: 10, iterations: 15, cgSteps: 3, useRatings: false, seed: 42 };

/** `getConfig()` of an implicit ALS model. */
export interface ImplicitAlsConfig extends ImplicitAlsOptions {
  [key: string]: unknown;
  numUsers: number;
  numMovies: number;
}

/** Rows of one side of the interaction matrix: CSR offsets, the other side's indices, confidences − 1. */
interface SparseRows {
  offsets: Int32Array;
  columns: Int32Array;
  extraConfidence: Float32Array;
}

/** A fitted implicit ALS model over catalogue movie rows. */
export class ImplicitAlsModel implements TopKRecommender {
  readonly className = 'ImplicitAlsModel';
  readonly scoresFromHistory = true;
  readonly numUsers: number;
  readonly numMovies: number;
  /** YᵀY + λI, the part of every user's system that does not depend on their movies. */
  private readonly baseGram: Float64Array;

  /**
   * @param itemFactors Y, `numMovies × factors` row-major (zero rows for movies never rated: they score −∞).
   * @param trainItems the training interactions, kept so `scoreUsers` can score training users.
   */
  constructor(readonly config: ImplicitAlsConfig, readonly itemFactors: Float32Array, readonly rated: Int32Array, private readonly trainItems?: UserItems) {
    const f = config.factors;
    if (itemFactors.length !== config.numMovies * f) throw new Error(`ImplicitAlsModel: item factors hold ${itemFactors.length} values, expected ${config.numMovies} × ${f}`);
    this.numUsers = config.numUsers;
    this.numMovies = config.numMovies;
    this.baseGram = gramOf(itemFactors, config.numMovies, f, config.regularization);
  }

  /** Fits the factors on `ui`. */
  static fit(ui: UserItems, options: Partial<ImplicitAlsOptions> = {}): ImplicitAlsModel {
    const opts = { ...DEFAULT_IMPLICIT_ALS, ...options };
    for (const key of ['factors', 'iterations', 'cgSteps'] as const) {
      if (!Number.isInteger(opts[key]) || opts[key] < 1) throw new RangeError(`ImplicitAlsModel.fit: ${key} must be a positive integer, got ${opts[key]}`);
    }
    if (!(opts.regularization >= 0) || !(opts.alpha > 0)) throw new RangeError(`ImplicitAlsModel.fit: regularization must be ≥ 0 and alpha > 0, got ${opts.regularization}, ${opts.alpha}`);
    const f = opts.factors;
    const byUser = userRows(ui, opts);
    const byMovie = transpose(byUser, ui.numMovies);
    const rng = new Rng(opts.seed);
    const users = Float32Array.from({ length: ui.numUsers * f }, () => rng.normal() * 0.01);
    const movies = Float32Array.from({ length: ui.numMovies * f }, () => rng.normal() * 0.01);
    for (let it = 0; it < opts.iterations; it++) {
      solveRows(users, movies, byUser, f, opts.regularization, opts.cgSteps);
      solveRows(movies, users, byMovie, f, opts.regularization, opts.cgSteps);
    }
    const rated = new Int32Array(ui.numMovies);
    for (let m = 0; m < ui.numMovies; m++) rated[m] = byMovie.offsets[m + 1] > byMovie.offsets[m] ? 1 : 0;
    for (let m = 0; m < ui.numMovies; m++) if (!rated[m]) movies.fill(0, m * f, (m + 1) * f);
    return new ImplicitAlsModel({ ...opts, numUsers: ui.numUsers, numMovies: ui.numMovies }, movies, rated, ui);
  }

  scoreUsers(userRows: Int32Array): Float32Array {
    return scoreTrainingUsers(this, this.trainItems, userRows);
  }

  scoreHistory(history: ItemHistory): Float32Array {
    return factorScores(this.userVector(history), this.itemFactors, this.rated);
  }

  /** The exact least-squares user vector for `history` given the movie factors (Cholesky). */
  userVector(history: ItemHistory): Float64Array {
    const f = this.config.factors;
    const a = this.baseGram.slice();
    const b = new Float64Array(f);
    const y = this.itemFactors;
    history.movies.forEach((m, h) => {
      if (m < 0 || m >= this.numMovies || !this.rated[m]) return;
      const extra = this.config.alpha * (this.config.useRatings ? (history.ratings?.[h] ?? 5) / 5 : 1);
      const base = m * f;
      for (let i = 0; i < f; i++) {
        const yi = y[base + i];
        b[i] += (1 + extra) * yi;
        for (let j = 0; j <= i; j++) a[i * f + j] += extra * yi * y[base + j];
      }
    });
    try {
      choleskySolve(a, b, f);
    } catch {
      throw new Error('ImplicitAlsModel: the fold-in system is not positive definite (regularization 0 with too few ratings?)');
    }
    return b;
  }

  getConfig(): ImplicitAlsConfig {
    return this.config;
  }

  getArrays(): Record<string, Float32Array | Int32Array> {
    return { itemFactors: this.itemFactors, rated: this.rated };
  }

  /** Rebuilds a saved model (it scores by history only). */
  static fromArtifact(config: ImplicitAlsConfig, arrays: Record<string, Float32Array | Int32Array>): ImplicitAlsModel {
    return new ImplicitAlsModel(config, arrays.itemFactors as Float32Array, arrays.rated as Int32Array);
  }
}

registerTopKModel('ImplicitAlsModel', ImplicitAlsModel.fromArtifact);

function userRows(ui: UserItems, opts: ImplicitAlsOptions): SparseRows {
  const extraConfidence = Float32Array.from(ui.ratings, (stars) => opts.alpha * (opts.useRatings ? stars / 5 : 1));
  return { offsets: ui.offsets, columns: ui.movies, extraConfidence };
}

/** The same interactions by column (movie → users). */
function transpose(rows: SparseRows, numColumns: number): SparseRows {
  const rowOf = new Int32Array(rows.columns.length);
  for (let r = 0; r + 1 < rows.offsets.length; r++) rowOf.fill(r, rows.offsets[r], rows.offsets[r + 1]);
  const { offsets, order } = groupByKey(rows.columns.length, numColumns, (p) => rows.columns[p]);
  return { offsets, columns: gathered(rowOf, order), extraConfidence: gathered(rows.extraConfidence, order) };
}

/** YᵀY + λI (lower triangle filled; f × f, float64). */
function gramOf(y: Float32Array, rows: number, f: number, lambda: number): Float64Array {
  const g = new Float64Array(f * f);
  for (let r = 0; r < rows; r++) {
    const base = r * f;
    for (let i = 0; i < f; i++) {
      const yi = y[base + i];
      if (yi === 0) continue;
      for (let j = 0; j <= i; j++) g[i * f + j] += yi * y[base + j];
    }
  }
  for (let i = 0; i < f; i++) {
    g[i * f + i] += lambda;
    for (let j = 0; j < i; j++) g[j * f + i] = g[i * f + j];
  }
  return g;
}

/**
 * One half-step: for every row r of `x` (warm start), a few CG steps on
 * (YᵀY + λI + Σ_i e_ri y_i y_iᵀ) x_r = Σ_i (1 + e_ri) y_i, where e is the extra confidence.
 */
function solveRows(x: Float32Array, y: Float32Array, rows: SparseRows, f: number, lambda: number, steps: number): void {
  const gram = gramOf(y, y.length / f, f, lambda);
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const ap = new Float64Array(f);
  const xr = new Float64Array(f);
  /** out = A v for row `row` (A as above). */
  const multiply = (row: number, v: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < f; i++) {
      let s = 0;
      for (let j = 0; j < f; j++) s += gram[i * f + j] * v[j];
      out[i] = s;
    }
    for (let q = rows.offsets[row]; q < rows.offsets[row + 1]; q++) {
      const base = rows.columns[q] * f;
      let dot = 0;
      for (let k = 0; k < f; k++) dot += y[base + k] * v[k];
      const w = rows.extraConfidence[q] * dot;
      for (let k = 0; k < f; k++) out[k] += w * y[base + k];
    }
  };
  const count = rows.offsets.length - 1;
  for (let row = 0; row < count; row++) {
    const start = row * f;
    for (let k = 0; k < f; k++) xr[k] = x[start + k];
    // r = b − A x, with b = Σ (1 + e) y_i.
    multiply(row, xr, ap);
    for (let k = 0; k < f; k++) r[k] = -ap[k];
    for (let q = rows.offsets[row]; q < rows.offsets[row + 1]; q++) {
      const base = rows.columns[q] * f;
      const c = 1 + rows.extraConfidence[q];
      for (let k = 0; k < f; k++) r[k] += c * y[base + k];
    }
    p.set(r);
    let rsOld = 0;
    for (let k = 0; k < f; k++) rsOld += r[k] * r[k];
    for (let it = 0; it < steps && rsOld > 1e-20; it++) {
      multiply(row, p, ap);
      let pAp = 0;
      for (let k = 0; k < f; k++) pAp += p[k] * ap[k];
      if (!(pAp > 0)) break;
      const step = rsOld / pAp;
      let rsNew = 0;
      for (let k = 0; k < f; k++) {
        xr[k] += step * p[k];
        r[k] -= step * ap[k];
        rsNew += r[k] * r[k];
      }
      for (let k = 0; k < f; k++) p[k] = r[k] + (rsNew / rsOld) * p[k];
      rsOld = rsNew;
    }
    for (let k = 0; k < f; k++) x[start + k] = xr[k];
  }
}
