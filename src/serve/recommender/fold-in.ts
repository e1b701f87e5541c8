/**
 * Fold-in for the retrieval stage: a query vector for a user the two-tower model has never seen
 * (or whose ratings changed), from the candidate embeddings of the movies they rated. No retraining.
 *
 * Ridge regression towards the mean user: u = ū + (VᵀV + λI)⁻¹ Vᵀ(y − Vū), where V are the rated
 * movies' candidate embeddings and y the logits the trained model gives to rated movies, as a linear
 * function of the rating (a + b·rating), calibrated on the dataset's own users.
 */
import { choleskySolve } from '../../engine/linalg.ts';
import type { Catalog, RatedMovies } from './catalog.ts';
import type { RetrievalEmbeddings } from './models.ts';

/** Dot product of row `i` of `a` and row `j` of `b` (both `dim` wide). */
export function dotRows(a: Float32Array, i: number, b: Float32Array, j: number, dim: number): number {
  let s = 0;
  const ai = i * dim;
  const bj = j * dim;
  for (let d = 0; d < dim; d++) s += a[ai + d] * b[bj + d];
  return s;
}

/** Folds users into a two-tower model's query space. */
export class QueryFoldIn {
  private readonly meanUser: Float32Array;
  /** Target logit of a rated movie: intercept + slope · rating. */
  readonly intercept: number;
  readonly slope: number;
  private readonly lambda: number;

  /** `regularization` scales the prior's weight (relative to a typical squared embedding norm). */
  constructor(private readonly emb: RetrievalEmbeddings, catalog: Catalog, regularization = 1) {
    const { dim, movieEmbeddings, userEmbeddings } = emb;
    const users = userEmbeddings.length / dim;
    this.meanUser = new Float32Array(dim);
    for (let u = 0; u < users; u++) for (let d = 0; d < dim; d++) this.meanUser[d] += userEmbeddings[u * dim + d] / users;
    ({ intercept: this.intercept, slope: this.slope } = calibrate(emb, catalog));
    let norms = 0;
    const movies = movieEmbeddings.length / dim;
    for (let m = 0; m < movies; m++) norms += dotRows(movieEmbeddings, m, movieEmbeddings, m, dim);
    this.lambda = regularization * Math.max(1e-6, norms / Math.max(1, movies));
  }

  /** The folded-in query vector of a user who rated `rated` (the mean user when empty). */
  foldIn(rated: RatedMovies): Float32Array {
    const { dim, movieEmbeddings: v } = this.emb;
    const a = new Float64Array(dim * dim);
    const b = new Float64Array(dim);
    for (let i = 0; i < rated.movieRows.length; i++) {
      const m = rated.movieRows[i];
      const o = m * dim;
      let prior = 0;
      for (let d = 0; d < dim; d++) prior += v[o + d] * this.meanUser[d];
      const residual = this.intercept + this.slope * rated.ratings[i] - prior;
      for (let r = 0; r < dim; r++) {
        b[r] += v[o + r] * residual;
        for (let c = 0; c < dim; c++) a[r * dim + c] += v[o + r] * v[o + c];
      }
    }
    for (let d = 0; d < dim; d++) a[d * dim + d] += this.lambda;
    choleskySolve(a, b, dim);
    return Float32Array.from(this.meanUser, (x, d) => x + b[d]);
  }
}

/** Least-squares fit of logit(user, rated movie) ≈ a + b·rating over (a sample of) the dataset. */
function calibrate(emb: RetrievalEmbeddings, catalog: Catalog): { intercept: number; slope: number } {
  const { ratings } = catalog.dataset;
  const step = Math.max(1, Math.floor(ratings.length / 50_000));
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < ratings.length; i += step) {
    const x = ratings.rating[i];
    const y = dotRows(emb.userEmbeddings, ratings.user[i], emb.movieEmbeddings, ratings.movie[i], emb.dim);
    n++; sx += x; sy += y; sxx += x * x; sxy += x * y;
  }
  if (n < 2) return { intercept: 0, slope: 0 };
  const variance = sxx - (sx * sx) / n;
  const slope = variance > 0 ? (sxy - (sx * sy) / n) / variance : 0;
  return { intercept: (sy - slope * sx) / n, slope };
}
