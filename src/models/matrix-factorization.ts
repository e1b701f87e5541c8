/**
 * Biased matrix factorization trained by alternating least squares (ALS).
 *
 *   r̂(u, m) = μ + b_u + b_m + p_u · q_m
 *
 * Each half-step fixes one side and solves, per user (or movie), a small (k+1)×(k+1) ridge
 * regression in closed form (Cholesky) for its factor vector and bias. Regularization is weighted by
 * the number of ratings (ALS-WR, Zhou et al. 2008) unless `weightedRegularization` is false.
 * Plain TypeScript over Float32Arrays: no tensors are needed for this model.
 *
 * `foldIn` is one user half-step for a user the model has never seen, which is how the app gives a
 * brand-new user personal predictions without retraining.
 */
import type { MovieLensDataset } from '../data/schema.ts';
import { choleskySolve } from '../engine/linalg.ts';
import { Rng } from '../util/random.ts';
import { gathered, groupByKey } from '../util/group.ts';

/** Training data for `BiasedMatrixFactorization.fit`: parallel row-number / rating arrays. */
export interface RatingTriples {
  /** User row numbers (0 … numUsers-1). */
  user: Int32Array;
  /** Movie row numbers (0 … numMovies-1). */
  movie: Int32Array;
  rating: Float32Array;
  numUsers: number;
  numMovies: number;
}

/** The ratings `rows` of a dataset as ALS training data (all users and movies of the dataset). */
export function ratingTriples(ds: MovieLensDataset, rows: ArrayLike<number>): RatingTriples {
  const r = ds.ratings;
  return {
    user: Int32Array.from({ length: rows.length }, (_, i) => r.user[rows[i]]),
    movie: Int32Array.from({ length: rows.length }, (_, i) => r.movie[rows[i]]),
    rating: Float32Array.from({ length: rows.length }, (_, i) => r.rating[rows[i]]),
    numUsers: ds.users.length,
    numMovies: ds.movies.length,
  };
}

/** Hyper-parameters of ALS. */
export interface AlsConfig {
  /** Latent dimension k. */
  factors: number;
  /** Ridge penalty λ on factor vectors. */
  regularization: number;
  /** Ridge penalty on the bias terms. */
  biasRegularization: number;
  /** Full alternations (user step + movie step). */
  iterations: number;
  /** Scale λ by each row's number of ratings (ALS-WR). */
  weightedRegularization: boolean;
  /** Std of the initial random factors. */
  initStd: number;
  /** Predictions are clipped to this range ([min, max] of the training ratings by default). */
  clip: [number, number] | null;
  seed: number;
}

/** Defaults tuned on ML-100K u1.base → u1.test (test RMSE ≈ 0.926; see docs/experiments). */
export const DEFAULT_ALS_CONFIG: AlsConfig = {
  factors: 20,
  regularization: 0.15,
  biasRegularization: 0.05,
  iterations: 15,
  weightedRegularization: true,
  initStd: 0.1,
  clip: null,
  seed: 42,
};

/** The serializable part of a trained model; factor arrays travel separately (see `weights()`). */
export interface MatrixFactorizationJSON {
  format: 'maxella.biased-mf';
  version: 1;
  config: AlsConfig;
  numUsers: number;
  numMovies: number;
  globalMean: number;
  clip: [number, number];
}

/** The model's weights by name, as saved beside its JSON. */
export interface MatrixFactorizationWeights {
  userFactors: Float32Array;
  movieFactors: Float32Array;
  userBias: Float32Array;
  movieBias: Float32Array;
}

/** Compressed-row index of one side of the rating matrix: the neighbours and ratings of each row. */
interface RowIndex {
  offsets: Int32Array;
  other: Int32Array;
  rating: Float32Array;
}

function buildIndex(rows: Int32Array, other: Int32Array, rating: Float32Array, numRows: number): RowIndex {
  const { offsets, order } = groupByKey(rows.length, numRows, (i) => rows[i]);
  return { offsets, other: gathered(other, order), rating: gathered(rating, order) };
}

/** Scratch buffers for one (k+1)-dimensional ridge solve. */
class RidgeSolver {
  readonly a: Float64Array;
  readonly b: Float64Array;

  constructor(readonly k: number) {
    this.a = new Float64Array((k + 1) * (k + 1));
    this.b = new Float64Array(k + 1);
  }

  /**
   * Fits [vector; bias] to `targets[j] − otherBias[other[j]]` over the rows `other` with factors
   * `otherFactors`, and writes the result into `outVector` (at `outOffset`) and returns the bias.
   */
  solve(
    other: ArrayLike<number>, targets: ArrayLike<number>, otherFactors: Float32Array, otherBias: Float32Array,
    lambda: number, lambdaBias: number, outVector: Float32Array, outOffset: number,
  ): number {
    const { k, a, b } = this;
    const n = k + 1;
    a.fill(0);
    b.fill(0);
    for (let j = 0; j < other.length; j++) {
      const o = other[j] * k;
      const y = targets[j] - otherBias[other[j]];
      for (let r = 0; r < k; r++) {
        const zr = otherFactors[o + r];
        b[r] += y * zr;
        const row = r * n;
        for (let c = 0; c <= r; c++) a[row + c] += zr * otherFactors[o + c];
        a[row + k] += zr;
      }
      a[k * n + k] += 1;
      b[k] += y;
    }
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < r; c++) a[c * n + r] = a[r * n + c];
      a[k * n + r] = a[r * n + k];
      a[r * n + r] += lambda;
    }
    a[k * n + k] += lambdaBias;
    choleskySolve(a, b, n);
    for (let r = 0; r < k; r++) outVector[outOffset + r] = b[r];
    return b[k];
  }
}

/** A biased matrix-factorization model (see the module comment). */
export class BiasedMatrixFactorization {
  private constructor(
    readonly config: AlsConfig,
    readonly numUsers: number,
    readonly numMovies: number,
    readonly globalMean: number,
    readonly clip: [number, number],
    readonly userFactors: Float32Array,
    readonly movieFactors: Float32Array,
    readonly userBias: Float32Array,
    readonly movieBias: Float32Array,
  ) {}

  /**
   * Trains by ALS. `onIteration(i, model)` is called after each full alternation (e.g. to record a
   * learning curve with `model.rmse`).
   */
  static fit(
    data: RatingTriples, options: Partial<AlsConfig> = {},
    onIteration?: (iteration: number, model: BiasedMatrixFactorization) => void,
  ): BiasedMatrixFactorization {
    const config: AlsConfig = { ...DEFAULT_ALS_CONFIG, ...options };
    const { user, movie, rating, numUsers, numMovies } = data;
    if (user.length !== movie.length || user.length !== rating.length) {
      throw new Error(`BiasedMatrixFactorization.fit: user/movie/rating lengths differ (${user.length}, ${movie.length}, ${rating.length})`);
    }
    if (user.length === 0) throw new Error('BiasedMatrixFactorization.fit: no training ratings');
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < rating.length; i++) {
      sum += rating[i];
      if (rating[i] < min) min = rating[i];
      if (rating[i] > max) max = rating[i];
    }
    const globalMean = sum / rating.length;
    const k = config.factors;
    const rng = new Rng(config.seed);
    const init = (n: number) => Float32Array.from({ length: n * k }, () => rng.normal() * config.initStd);
    const model = new BiasedMatrixFactorization(
      config, numUsers, numMovies, globalMean, config.clip ?? [min, max],
      init(numUsers), init(numMovies), new Float32Array(numUsers), new Float32Array(numMovies),
    );
    const centred = Float32Array.from(rating, (r) => r - globalMean);
    const byUser = buildIndex(user, movie, centred, numUsers);
    const byMovie = buildIndex(movie, user, centred, numMovies);
    const solver = new RidgeSolver(k);
    for (let it = 0; it < config.iterations; it++) {
      model.halfStep(solver, byUser, model.movieFactors, model.movieBias, model.userFactors, model.userBias);
      model.halfStep(solver, byMovie, model.userFactors, model.userBias, model.movieFactors, model.movieBias);
      onIteration?.(it + 1, model);
    }
    return model;
  }

  /** Rebuilds a model from `toJSON()` and `weights()`. */
  static fromJSON(json: MatrixFactorizationJSON, weights: MatrixFactorizationWeights): BiasedMatrixFactorization {
    if (json.format !== 'maxella.biased-mf' || json.version !== 1) {
      throw new Error(`BiasedMatrixFactorization.fromJSON: unsupported format ${json.format} v${json.version}`);
    }
    const k = json.config.factors;
    const expect = (name: keyof MatrixFactorizationWeights, length: number) => {
      if (weights[name].length !== length) {
        throw new Error(`BiasedMatrixFactorization.fromJSON: weights.${name} has ${weights[name].length} values, expected ${length}`);
      }
    };
    expect('userFactors', json.numUsers * k);
    expect('movieFactors', json.numMovies * k);
    expect('userBias', json.numUsers);
    expect('movieBias', json.numMovies);
    return new BiasedMatrixFactorization(
      json.config, json.numUsers, json.numMovies, json.globalMean, json.clip,
      weights.userFactors, weights.movieFactors, weights.userBias, weights.movieBias,
    );
  }

  private halfStep(
    solver: RidgeSolver, index: RowIndex, otherFactors: Float32Array, otherBias: Float32Array,
    outFactors: Float32Array, outBias: Float32Array,
  ): void {
    const k = this.config.factors;
    for (let r = 0; r < outBias.length; r++) {
      const start = index.offsets[r];
      const end = index.offsets[r + 1];
      if (start === end) {
        outFactors.fill(0, r * k, r * k + k);
        outBias[r] = 0;
        continue;
      }
      const other = index.other.subarray(start, end);
      const targets = index.rating.subarray(start, end);
      const { lambda, lambdaBias } = this.penalties(end - start);
      outBias[r] = solver.solve(other, targets, otherFactors, otherBias, lambda, lambdaBias, outFactors, r * k);
    }
  }

  private penalties(count: number): { lambda: number; lambdaBias: number } {
    const scale = this.config.weightedRegularization ? count : 1;
    return { lambda: this.config.regularization * scale, lambdaBias: this.config.biasRegularization * scale };
  }

  /** Predicted ratings for parallel user / movie row numbers (rows outside the model use biases only). */
  predict(userRows: ArrayLike<number>, movieRows: ArrayLike<number>): Float32Array {
    const out = new Float32Array(userRows.length);
    for (let i = 0; i < out.length; i++) out[i] = this.predictOne(userRows[i], movieRows[i]);
    return out;
  }

  /** Predictions of a folded-in user (`foldIn`'s result) for the given movie rows. */
  predictFor(user: { vector: Float32Array; bias: number }, movieRows: ArrayLike<number>): Float32Array {
    const out = new Float32Array(movieRows.length);
    for (let i = 0; i < out.length; i++) out[i] = this.score(user.vector, 0, user.bias, movieRows[i]);
    return out;
  }

  /**
   * One ALS user half-step for a new user from the movies they rated: their factor vector and bias
   * with all movie parameters fixed. Movies outside the model are ignored.
   */
  foldIn(movieRows: ArrayLike<number>, ratings: ArrayLike<number>): { vector: Float32Array; bias: number } {
    if (movieRows.length !== ratings.length) {
      throw new Error(`foldIn: ${movieRows.length} movies but ${ratings.length} ratings`);
    }
    const known: number[] = [];
    const targets: number[] = [];
    for (let i = 0; i < movieRows.length; i++) {
      if (movieRows[i] >= 0 && movieRows[i] < this.numMovies) {
        known.push(movieRows[i]);
        targets.push(ratings[i] - this.globalMean);
      }
    }
    const vector = new Float32Array(this.config.factors);
    if (known.length === 0) return { vector, bias: 0 };
    const { lambda, lambdaBias } = this.penalties(known.length);
    const bias = new RidgeSolver(this.config.factors)
      .solve(known, targets, this.movieFactors, this.movieBias, lambda, lambdaBias, vector, 0);
    return { vector, bias };
  }

  /** Root-mean-squared error of the model on the given ratings. */
  rmse(userRows: ArrayLike<number>, movieRows: ArrayLike<number>, ratings: ArrayLike<number>): number {
    let sq = 0;
    for (let i = 0; i < ratings.length; i++) {
      const e = this.predictOne(userRows[i], movieRows[i]) - ratings[i];
      sq += e * e;
    }
    return Math.sqrt(sq / ratings.length);
  }

  /** The config, sizes and global mean (JSON-safe); pair with `weights()` to save. */
  toJSON(): MatrixFactorizationJSON {
    return {
      format: 'maxella.biased-mf', version: 1, config: this.config,
      numUsers: this.numUsers, numMovies: this.numMovies, globalMean: this.globalMean, clip: this.clip,
    };
  }

  /** The factor and bias arrays (shared, not copied). */
  weights(): MatrixFactorizationWeights {
    return { userFactors: this.userFactors, movieFactors: this.movieFactors, userBias: this.userBias, movieBias: this.movieBias };
  }

  private predictOne(u: number, m: number): number {
    const knownUser = u >= 0 && u < this.numUsers;
    if (!knownUser) return this.score(null, 0, 0, m);
    return this.score(this.userFactors, u * this.config.factors, this.userBias[u], m);
  }

  private score(vector: Float32Array | null, offset: number, bias: number, m: number): number {
    let s = this.globalMean + bias;
    if (m >= 0 && m < this.numMovies) {
      s += this.movieBias[m];
      if (vector) {
        const k = this.config.factors;
        const o = m * k;
        for (let r = 0; r < k; r++) s += vector[offset + r] * this.movieFactors[o + r];
      }
    }
    return Math.min(this.clip[1], Math.max(this.clip[0], s));
  }
}
