/**
 * The most-popular baseline for retrieval: recommend the movies rated most often in training, to
 * everyone. Every retrieval result in Maxella is shown next to it, because on MovieLens a
 * popularity list is a strong baseline (DESIGN.md: top-100 0.295 on ML-100K 80/20).
 */

/** Top-k accuracy by k (the FactorizedTopK metric's names: top_1, top_5, ...). */
export type TopKAccuracy = Record<string, number>;

import { registerTopKModel, type TopKRecommender, type UserItems } from './top-k.ts';
import { movieCounts } from './user-items.ts';

/** The k values of TFRS's FactorizedTopK metric. */
export const FACTORIZED_TOP_KS = [1, 5, 10, 50, 100] as const;

/** A most-popular recommender over movie row numbers (the same list for everyone; a `TopKRecommender`). */
export class PopularityModel implements TopKRecommender {
  readonly className = 'PopularityModel';
  readonly scoresFromHistory = true;
  /** Movie rows ordered from most to least rated (ties: lower row first). */
  readonly ranking: Int32Array;
  /** `rankOf[m]` = position of movie m in `ranking` (0 = most popular). */
  readonly rankOf: Int32Array;

  readonly numMovies: number;

  private constructor(readonly counts: Int32Array, readonly numUsers = 0) {
    this.numMovies = counts.length;
    this.ranking = Int32Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
    this.rankOf = new Int32Array(counts.length);
    this.ranking.forEach((m, rank) => { this.rankOf[m] = rank; });
  }

  /** Counts the ratings of each movie in the training rows. */
  static fit(trainMovieRows: ArrayLike<number>, numMovies: number): PopularityModel {
    const counts = new Int32Array(numMovies);
    for (let i = 0; i < trainMovieRows.length; i++) {
      const m = trainMovieRows[i];
      if (m < 0 || m >= numMovies) throw new Error(`PopularityModel.fit: movie row ${m} at index ${i} is outside 0…${numMovies - 1}`);
      counts[m]++;
    }
    return new PopularityModel(counts);
  }

  /** Rebuilds a saved model from `getConfig()` and `getArrays()`. */
  static fromArtifact(config: { numUsers: number }, arrays: Record<string, Float32Array | Int32Array>): PopularityModel {
    return new PopularityModel(arrays.counts as Int32Array, config.numUsers);
  }

  /** Counts the users who rated each movie in `ui`. */
  static fromUserItems(ui: UserItems): PopularityModel {
    return new PopularityModel(movieCounts(ui), ui.numUsers);
  }

  /** Every user gets the rating counts as scores. */
  scoreUsers(userRows: Int32Array): Float32Array {
    const out = new Float32Array(userRows.length * this.numMovies);
    for (let i = 0; i < userRows.length; i++) out.set(this.counts, i * this.numMovies);
    return out;
  }

  scoreHistory(): Float32Array {
    return Float32Array.from(this.counts);
  }

  getConfig(): Record<string, unknown> {
    return { numUsers: this.numUsers, numMovies: this.numMovies };
  }

  getArrays(): Record<string, Int32Array> {
    return { counts: this.counts };
  }

  /** The k most popular movie rows, skipping those in `exclude`. */
  recommend(k: number, exclude?: ReadonlySet<number>): Int32Array {
    const out: number[] = [];
    for (const m of this.ranking) {
      if (out.length >= k) break;
      if (!exclude?.has(m)) out.push(m);
    }
    return Int32Array.from(out);
  }

  /**
   * Share of test ratings whose movie is in the top k of the popularity list, for each k
   * (FactorizedTopK without exclusion of seen movies, as TFRS evaluates by default).
   */
  topKAccuracy(testMovieRows: ArrayLike<number>, ks: readonly number[] = FACTORIZED_TOP_KS): TopKAccuracy {
    const hits = new Array<number>(ks.length).fill(0);
    for (let i = 0; i < testMovieRows.length; i++) {
      const m = testMovieRows[i];
      const rank = m >= 0 && m < this.rankOf.length ? this.rankOf[m] : Infinity;
      ks.forEach((k, j) => { if (rank < k) hits[j]++; });
    }
    const out: TopKAccuracy = {};
    ks.forEach((k, j) => { out[`top_${k}`] = testMovieRows.length ? hits[j] / testMovieRows.length : 0; });
    return out;
  }
}

registerTopKModel('PopularityModel', PopularityModel.fromArtifact);
