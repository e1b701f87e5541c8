/**
 * EASE^R (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): an item–item
 * weight matrix B learned in closed form, B = I − P · diag(1 / diag(P)) with P = (XᵀX + λI)⁻¹ and
 * diag(B) = 0. A user's scores are their interaction row times B, so a brand-new user is scored from
 * the movies they rated with no retraining (fold-in is exact, not an approximation).
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
import { Rng } from '../util/random.ts';
import type { ItemHistory, TopKRecommender, UserItems } from './top-k.ts';
import { registerTopKModel } from './top-k.ts';
import { historyOf, movieCounts } from './user-items.ts';

/** EASE^R hyper-parameters. */
export interface EaseOptions {
  /** L2 regularisation λ added to the Gram matrix's diagonal (Steck: 200–1000 on MovieLens). */
  lambda: number;
  /** Largest catalogue modelled; beyond it, the most-rated `maxMovies` movies (see module doc). */
  maxMovies: number;
  /** Most Gram-matrix additions; beyond it, a sample of users (see module doc). */
  maxGramCost: number;
  /** Seed of the user sample. */
  seed: number;
}

export const DEFAULT_EASE: EaseOptions = { lambda: 400, maxMovies: 10_000, maxGramCost: 3e9, seed: 42 };

/** `getConfig()` of an EASE model. */
export interface EaseConfig extends EaseOptions {
  [key: string]: unknown;
  numUsers: number;
  numMovies: number;
  /** How many movies B covers (≤ maxMovies). */
  modelled: number;
  /** Users whose interactions made the Gram matrix (all, unless over `maxGramCost`). */
  gramUsers: number;
}

/** A fitted EASE^R model over catalogue movie rows. */
export class EaseModel implements TopKRecommender {
  readonly className = 'EaseModel';
  readonly scoresFromHistory = true;
  readonly numUsers: number;
  readonly numMovies: number;
  /** Position of each catalogue movie row in B, or −1 when not modelled. */
  private readonly slotOf: Int32Array;

  /**
   * @param weights B, `modelled × modelled` row-major over `movieRows`.
   * @param movieRows the catalogue rows B covers.
   * @param trainItems the training interactions, kept so `scoreUsers` can score training users.
   */
  constructor(readonly config: EaseConfig, readonly weights: Float32Array, readonly movieRows: Int32Array, private readonly trainItems?: UserItems) {
    const n = movieRows.length;
    if (weights.length !== n * n) throw new Error(`EaseModel: weights hold ${weights.length} values, expected ${n} × ${n}`);
    this.numUsers = config.numUsers;
    this.numMovies = config.numMovies;
    this.slotOf = new Int32Array(this.numMovies).fill(-1);
    movieRows.forEach((m, i) => { this.slotOf[m] = i; });
  }

  /** Fits B on `ui` (every interaction counts 1, whatever its rating). */
  static fit(ui: UserItems, options: Partial<EaseOptions> = {}): EaseModel {
    const opts = { ...DEFAULT_EASE, ...options };
    if (!(opts.lambda > 0)) throw new RangeError(`EaseModel.fit: lambda must be > 0, got ${opts.lambda}`);
    const counts = movieCounts(ui);
    const rated = Array.from(counts.keys()).filter((m) => counts[m] > 0);
    const movieRows = Int32Array.from(rated.length > opts.maxMovies
      ? rated.sort((a, b) => counts[b] - counts[a] || a - b).slice(0, opts.maxMovies).sort((a, b) => a - b)
      : rated);
    const n = movieRows.length;
    const slot = new Int32Array(ui.numMovies).fill(-1);
    movieRows.forEach((m, i) => { slot[m] = i; });
    // Gram matrix G = XᵀX over the modelled movies (a sample of users when over budget), plus λ on the diagonal.
    const g = new Float32Array(n * n);
    const slots: number[] = [];
    let gramUsers = 0;
    for (const u of gramSample(ui, slot, opts.maxGramCost, opts.seed)) {
      gramUsers++;
      slots.length = 0;
      for (let p = ui.offsets[u]; p < ui.offsets[u + 1]; p++) if (slot[ui.movies[p]] >= 0) slots.push(slot[ui.movies[p]]);
      for (const i of slots) {
        const row = i * n;
        for (const j of slots) g[row + j] += 1;
      }
    }
    for (let i = 0; i < n; i++) g[i * n + i] += opts.lambda;
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

  scoreUsers(userRows: Int32Array): Float32Array {
    const items = this.trainItems;
    if (!items) throw new Error('EaseModel.scoreUsers: this model was loaded without its training interactions; score users by their history (scoreHistory)');
    const out = new Float32Array(userRows.length * this.numMovies);
    userRows.forEach((u, i) => out.set(this.scoreHistory(historyOf(items, u)), i * this.numMovies));
    return out;
  }

  scoreHistory(history: ItemHistory): Float32Array {
    const n = this.movieRows.length;
    const modelScores = new Float32Array(n);
    for (const m of history.movies) {
      const i = m >= 0 && m < this.numMovies ? this.slotOf[m] : -1;
      if (i < 0) continue;
      const row = this.weights.subarray(i * n, (i + 1) * n);
      for (let j = 0; j < n; j++) modelScores[j] += row[j];
    }
    const out = new Float32Array(this.numMovies).fill(-Infinity);
    this.movieRows.forEach((m, j) => { out[m] = modelScores[j]; });
    return out;
  }

  contributions(history: ItemHistory, movie: number): Float32Array {
    const n = this.movieRows.length;
    const j = movie >= 0 && movie < this.numMovies ? this.slotOf[movie] : -1;
    return Float32Array.from(history.movies, (m) => {
      const i = m >= 0 && m < this.numMovies ? this.slotOf[m] : -1;
      return i < 0 || j < 0 ? 0 : this.weights[i * n + j];
    });
  }

  getConfig(): EaseConfig {
    return this.config;
  }

  getArrays(): Record<string, Float32Array | Int32Array> {
    return { weights: this.weights, movieRows: this.movieRows };
  }

  /** Rebuilds a saved model (it scores by history only: the training interactions are not stored). */
  static fromArtifact(config: EaseConfig, arrays: Record<string, Float32Array | Int32Array>): EaseModel {
    return new EaseModel(config, arrays.weights as Float32Array, arrays.movieRows as Int32Array);
  }
}

/** The users whose interactions fit `budget` Gram additions: all of them, or a seeded random sample. */
function gramSample(ui: UserItems, slot: Int32Array, budget: number, seed: number): Int32Array {
  const cost = new Float64Array(ui.numUsers);
  let total = 0;
  for (let u = 0; u < ui.numUsers; u++) {
    let modelled = 0;
    for (let p = ui.offsets[u]; p < ui.offsets[u + 1]; p++) if (slot[ui.movies[p]] >= 0) modelled++;
    cost[u] = modelled * modelled;
    total += cost[u];
  }
  const users = Int32Array.from({ length: ui.numUsers }, (_, u) => u);
  if (total <= budget) return users;
  new Rng(seed).shuffle(users);
  let used = 0;
  let kept = 0;
  while (kept < users.length && used + cost[users[kept]] <= budget) used += cost[users[kept++]];
  return users.subarray(0, kept).sort();
}

registerTopKModel('EaseModel', EaseModel.fromArtifact);
