/**
 * Item-kNN in the manner of Microsoft Recommenders' SAR (Simple Algorithm for Recommendation): an
 * item–item similarity from co-occurrence counts (Jaccard, lift or cosine), and a user affinity per
 * rated movie (the rating, or 1, decayed with a half-life from the training data's latest time); a
 * user's scores are affinity · similarity. Fold-in is exact (scores are a sum over the history); a
 * history without timestamps (e.g. ratings given in the app) counts as current.
 */
import { coOccurrence, ItemItemModel, modelledMovies, type ItemItemConfig } from './item-item.ts';
import { registerTopKModel, type ItemHistory, type UserItems } from './top-k.ts';

/** How co-occurrence counts become similarities (SAR's `similarity_type`). */
export type ItemSimilarity = 'jaccard' | 'lift' | 'cosine';

/** Item-kNN hyper-parameters. */
export interface ItemKnnOptions {
  similarity: ItemSimilarity;
  /** Affinity half-life in days (0: no time decay). */
  halfLifeDays: number;
  /** Affinity is the star rating (true) or 1 per rated movie (false). */
  useRatings: boolean;
  maxMovies: number;
  maxGramCost: number;
  seed: number;
}

export const DEFAULT_ITEM_KNN: ItemKnnOptions = { similarity: 'jaccard', halfLifeDays: 0, useRatings: false, maxMovies: 10_000, maxGramCost: 3e9, seed: 42 };

/** `getConfig()` of an item-kNN model. */
export interface ItemKnnConfig extends ItemKnnOptions, ItemItemConfig {
  /** Unix seconds the time decay counts from (the latest training interaction). */
  referenceTime: number;
}

const DAY = 86_400;

/** A fitted item-kNN model over catalogue movie rows. */
export class ItemKnn extends ItemItemModel<ItemKnnConfig> {
  readonly className = 'ItemKnn';

  /** Fits the similarity matrix on `ui`. */
  static fit(ui: UserItems, options: Partial<ItemKnnOptions> = {}): ItemKnn {
    const opts = { ...DEFAULT_ITEM_KNN, ...options };
    if (!(opts.halfLifeDays >= 0)) throw new RangeError(`ItemKnn.fit: halfLifeDays must be >= 0, got ${opts.halfLifeDays}`);
    const { movieRows, slot } = modelledMovies(ui, opts.maxMovies);
    const n = movieRows.length;
    const { gram: s } = coOccurrence(ui, slot, n, opts.maxGramCost, opts.seed);
    const diag = Float32Array.from({ length: n }, (_, i) => s[i * n + i]);
    for (let i = 0; i < n; i++) {
      const row = i * n;
      for (let j = 0; j < n; j++) {
        const c = s[row + j];
        s[row + j] = i === j || c === 0 ? 0
          : opts.similarity === 'jaccard' ? c / (diag[i] + diag[j] - c)
            : opts.similarity === 'lift' ? c / (diag[i] * diag[j])
              : c / Math.sqrt(diag[i] * diag[j]);
      }
    }
    let referenceTime = 0;
    for (const t of ui.timestamps) if (t > referenceTime) referenceTime = t;
    return new ItemKnn({ ...opts, numUsers: ui.numUsers, numMovies: ui.numMovies, modelled: n, referenceTime }, s, movieRows, ui);
  }

  /** The rating (or 1), halved every `halfLifeDays` before the reference time. */
  protected historyWeights(history: ItemHistory): Float32Array {
    const { useRatings, halfLifeDays, referenceTime } = this.config;
    return Float32Array.from(history.movies, (_, h) => {
      const base = useRatings && history.ratings ? history.ratings[h] : 1;
      const t = history.timestamps?.[h];
      return halfLifeDays > 0 && t !== undefined ? base * 2 ** (-Math.max(0, referenceTime - t) / (halfLifeDays * DAY)) : base;
    });
  }

  /** Rebuilds a saved model (it scores by history only). */
  static fromArtifact(config: ItemKnnConfig, arrays: Record<string, Float32Array | Int32Array>): ItemKnn {
    return new ItemKnn(config, arrays.weights as Float32Array, arrays.movieRows as Int32Array);
  }
}

registerTopKModel('ItemKnn', ItemKnn.fromArtifact);
