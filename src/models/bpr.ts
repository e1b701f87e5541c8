/**
 * BPR-MF (Rendle, Freudenthaler, Gantner & Schmidt-Thieme, "BPR: Bayesian Personalized Ranking from
 * Implicit Feedback", UAI 2009): user and movie factors plus a movie bias, learned by SGD on sampled
 * triples (user u, a movie i they rated, a movie j they did not), maximising ln σ(x_ui − x_uj) − L2,
 * with x_ui = b_i + p_u · q_i. One epoch draws as many triples as there are interactions; negatives are
 * drawn uniformly from the movies anyone rated (the `implicit` library's sampler). Cost per epoch:
 * O(interactions · factors); memory (users + movies) · factors floats.
 *
 * Training users score with their learned vector. A brand-new or changed user is folded in with no
 * retrain: the movie factors stay fixed and their vector alone is learned by the same SGD over triples
 * from their history (`foldInEpochs` passes, seeded, so the same history always gives the same list).
 */
import { Rng } from '../util/random.ts';
import { factorScores, registerTopKModel, type ItemHistory, type TopKRecommender, type UserItems } from './top-k.ts';

/** BPR-MF hyper-parameters (the `implicit` library's names). */
export interface BprOptions {
  /** Latent dimension. */
  factors: number;
  /** SGD step size. */
  learningRate: number;
  /** L2 weight of the factors and biases touched by each triple. */
  regularization: number;
  /** Passes over the interactions (each draws one triple per interaction). */
  epochs: number;
  /** Passes over a new user's history when folding them in. */
  foldInEpochs: number;
  /** Seed of the initial factors and the triple sampler. */
  seed: number;
}

export const DEFAULT_BPR: BprOptions = { factors: 64, learningRate: 0.03, regularization: 0.01, epochs: 100, foldInEpochs: 40, seed: 42 };

/** `getConfig()` of a BPR model. */
export interface BprConfig extends BprOptions {
  [key: string]: unknown;
  numUsers: number;
  numMovies: number;
}

/** The learned arrays of a BPR model. */
interface BprArrays {
  /** `numUsers × factors`, row-major. */
  userFactors: Float32Array;
  /** `numMovies × factors`, row-major. */
  itemFactors: Float32Array;
  itemBias: Float32Array;
  /** 1 for movies someone rated in training; the others never rank (score −∞) and are never negatives. */
  rated: Int32Array;
}

/** A fitted BPR-MF model over catalogue movie rows. */
export class BprModel implements TopKRecommender {
  readonly className = 'BprModel';
  readonly numUsers: number;
  readonly numMovies: number;
  private readonly negatives: Int32Array;

  constructor(readonly config: BprConfig, readonly arrays: BprArrays) {
    const f = config.factors;
    const expect = (name: keyof BprArrays, length: number) => {
      if (arrays[name]?.length !== length) throw new Error(`BprModel: ${name} holds ${arrays[name]?.length ?? 'nothing'} values, expected ${length}`);
    };
    expect('userFactors', config.numUsers * f);
    expect('itemFactors', config.numMovies * f);
    expect('itemBias', config.numMovies);
    expect('rated', config.numMovies);
    this.numUsers = config.numUsers;
    this.numMovies = config.numMovies;
    this.negatives = ratedRows(arrays.rated);
  }

  /** Fits factors and biases on `ui`. */
  static fit(ui: UserItems, options: Partial<BprOptions> = {}): BprModel {
    const opts = { ...DEFAULT_BPR, ...options };
    for (const key of ['factors', 'epochs', 'foldInEpochs'] as const) {
      if (!Number.isInteger(opts[key]) || opts[key] < 1) throw new RangeError(`BprModel.fit: ${key} must be a positive integer, got ${opts[key]}`);
    }
    if (!(opts.learningRate > 0) || !(opts.regularization >= 0)) throw new RangeError(`BprModel.fit: learningRate must be > 0 and regularization ≥ 0, got ${opts.learningRate}, ${opts.regularization}`);
    const f = opts.factors;
    const rng = new Rng(opts.seed);
    const init = (n: number) => Float32Array.from({ length: n }, () => rng.normal() * 0.01);
    const userFactors = init(ui.numUsers * f);
    const itemFactors = init(ui.numMovies * f);
    const itemBias = new Float32Array(ui.numMovies);
    const rated = new Int32Array(ui.numMovies);
    for (const m of ui.movies) rated[m] = 1;
    const negatives = ratedRows(rated);
    // The user of each interaction, so a triple starts from a uniformly drawn interaction.
    const userOf = new Int32Array(ui.movies.length);
    for (let u = 0; u < ui.numUsers; u++) userOf.fill(u, ui.offsets[u], ui.offsets[u + 1]);
    const step = new Sgd(f, opts.learningRate, opts.regularization);
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      for (let t = 0; t < ui.movies.length; t++) {
        const at = rng.int(ui.movies.length);
        const u = userOf[at];
        const j = drawNegative(rng, negatives, ui.movies, ui.offsets[u], ui.offsets[u + 1]);
        if (j < 0) continue;
        step.triple(userFactors, u * f, itemFactors, itemBias, ui.movies[at], j, true);
      }
    }
    for (let m = 0; m < ui.numMovies; m++) if (!rated[m]) itemFactors.fill(0, m * f, (m + 1) * f);
    return new BprModel({ ...opts, numUsers: ui.numUsers, numMovies: ui.numMovies }, { userFactors, itemFactors, itemBias, rated });
  }

  scoreUsers(userRows: Int32Array): Float32Array {
    const out = new Float32Array(userRows.length * this.numMovies);
    const f = this.config.factors;
    userRows.forEach((u, i) => {
      if (!(u >= 0 && u < this.numUsers)) throw new RangeError(`BprModel.scoreUsers: user row ${u} is outside 0…${this.numUsers - 1}`);
      out.set(this.scoreVector(this.arrays.userFactors.subarray(u * f, (u + 1) * f)), i * this.numMovies);
    });
    return out;
  }

  scoreHistory(history: ItemHistory): Float32Array {
    return this.scoreVector(this.userVector(history));
  }

  /** A user vector for `history` learned against the fixed movie factors (see the module doc). */
  userVector(history: ItemHistory): Float32Array {
    const { factors: f, foldInEpochs, learningRate, regularization, seed } = this.config;
    const { itemFactors, itemBias, rated } = this.arrays;
    const positives = Int32Array.from(new Set(Array.from(history.movies).filter((m) => m >= 0 && m < this.numMovies && rated[m] === 1))).sort();
    const vector = new Float32Array(f);
    if (positives.length === 0) return vector;
    const rng = new Rng(seed);
    const step = new Sgd(f, learningRate, regularization);
    for (let t = 0; t < foldInEpochs * positives.length; t++) {
      const i = positives[rng.int(positives.length)];
      const j = drawNegative(rng, this.negatives, positives, 0, positives.length);
      if (j >= 0) step.triple(vector, 0, itemFactors, itemBias, i, j, false);
    }
    return vector;
  }

  /** b_m + p · q_m for every movie (−∞ for movies nobody rated in training). */
  private scoreVector(p: Float32Array): Float32Array {
    return factorScores(p, this.arrays.itemFactors, this.arrays.rated, this.arrays.itemBias);
  }

  getConfig(): BprConfig {
    return this.config;
  }

  getArrays(): Record<string, Float32Array | Int32Array> {
    return { ...this.arrays };
  }

  /** Rebuilds a saved model. */
  static fromArtifact(config: BprConfig, arrays: Record<string, Float32Array | Int32Array>): BprModel {
    return new BprModel(config, arrays as unknown as BprArrays);
  }
}

registerTopKModel('BprModel', BprModel.fromArtifact);

/** One SGD step on ln σ(x_ui − x_uj) − L2, in place. */
class Sgd {
  private readonly before: Float32Array;
  constructor(private readonly f: number, private readonly rate: number, private readonly reg: number) {
    this.before = new Float32Array(f);
  }

  /** Updates the user vector at `user[p…p+f)`, and the movies' factors and biases when `updateMovies`. */
  triple(user: Float32Array, p: number, items: Float32Array, bias: Float32Array, i: number, j: number, updateMovies: boolean): void {
    const { f, rate, reg, before } = this;
    const qi = i * f;
    const qj = j * f;
    let x = bias[i] - bias[j];
    for (let k = 0; k < f; k++) x += user[p + k] * (items[qi + k] - items[qj + k]);
    const z = 1 / (1 + Math.exp(x)); // σ(−x): the gradient's weight
    for (let k = 0; k < f; k++) {
      const pu = user[p + k];
      before[k] = pu;
      user[p + k] = pu + rate * (z * (items[qi + k] - items[qj + k]) - reg * pu);
    }
    if (!updateMovies) return;
    for (let k = 0; k < f; k++) {
      const pu = before[k];
      items[qi + k] += rate * (z * pu - reg * items[qi + k]);
      items[qj + k] += rate * (-z * pu - reg * items[qj + k]);
    }
    bias[i] += rate * (z - reg * bias[i]);
    bias[j] += rate * (-z - reg * bias[j]);
  }
}

/** The rows with `rated[m] = 1`. */
function ratedRows(rated: Int32Array): Int32Array {
  const out: number[] = [];
  rated.forEach((r, m) => r && out.push(m));
  return Int32Array.from(out);
}

/**
 * A uniformly drawn movie of `negatives` not in the sorted `row[start…end)` (binary search), or −1
 * when 20 draws all hit the user's own movies (a user who rated almost everything).
 */
function drawNegative(rng: Rng, negatives: Int32Array, row: Int32Array, start: number, end: number): number {
  for (let tries = 0; tries < 20; tries++) {
    const j = negatives[rng.int(negatives.length)];
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (row[mid] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo === end || row[lo] !== j) return j;
  }
  return -1;
}
