/**
 * `EmbeddingLists`: a top-K recommender over fixed user and movie embeddings (score = dot product),
 * e.g. a trained two-tower model's (`TwoTowerModel.topKLists`). It scores training users only: a
 * user-id tower has nothing to say about a user it never saw, so `foldsIn` is false.
 */
import { dotAll } from '../layers/factorized-top-k.ts';
import { registerTopKModel, type TopKRecommender } from './top-k.ts';

/** `getConfig()` of `EmbeddingLists`. */
export interface EmbeddingListsConfig {
  [key: string]: unknown;
  numUsers: number;
  numMovies: number;
  dim: number;
}

/** Dot-product lists of stored embeddings (see the module doc). */
export class EmbeddingLists implements TopKRecommender {
  readonly className = 'EmbeddingLists';
  readonly foldsIn = false;
  readonly numUsers: number;
  readonly numMovies: number;

  /** `userEmbeddings` is `numUsers × dim`, `movieEmbeddings` `numMovies × dim`, both row-major. */
  constructor(readonly config: EmbeddingListsConfig, readonly userEmbeddings: Float32Array, readonly movieEmbeddings: Float32Array) {
    const { numUsers, numMovies, dim } = config;
    if (userEmbeddings.length !== numUsers * dim || movieEmbeddings.length !== numMovies * dim) {
      throw new Error(`EmbeddingLists: ${userEmbeddings.length} user and ${movieEmbeddings.length} movie values, expected ${numUsers} × ${dim} and ${numMovies} × ${dim}`);
    }
    this.numUsers = numUsers;
    this.numMovies = numMovies;
  }

  scoreUsers(userRows: Int32Array): Float32Array {
    const { dim } = this.config;
    const n = this.numMovies;
    const out = new Float32Array(userRows.length * n);
    userRows.forEach((u, i) => {
      if (!(u >= 0 && u < this.numUsers)) throw new RangeError(`EmbeddingLists.scoreUsers: user row ${u} is outside 0…${this.numUsers - 1}`);
      dotAll(this.userEmbeddings, u * dim, this.movieEmbeddings, dim, out.subarray(i * n, (i + 1) * n));
    });
    return out;
  }

  scoreHistory(): Float32Array {
    throw new Error('EmbeddingLists: scores training users only (scoreUsers); it cannot fold in a history');
  }

  getConfig(): EmbeddingListsConfig {
    return this.config;
  }

  getArrays(): Record<string, Float32Array | Int32Array> {
    return { userEmbeddings: this.userEmbeddings, movieEmbeddings: this.movieEmbeddings };
  }

  static fromArtifact(config: EmbeddingListsConfig, arrays: Record<string, Float32Array | Int32Array>): EmbeddingLists {
    return new EmbeddingLists(config, arrays.userEmbeddings as Float32Array, arrays.movieEmbeddings as Float32Array);
  }
}

registerTopKModel('EmbeddingLists', EmbeddingLists.fromArtifact);
