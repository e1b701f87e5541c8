/**
 * Top-K recommenders over implicit feedback: who rated what (a rating, whatever its value, is a
 * positive interaction). These are the models behind the app's "Recommended for you" list, judged by
 * the lists they make (Precision@k, nDCG@k, ... in `src/metrics/lists.ts`), not by predicted stars.
 *
 * Every model scores all movies for a user, either a training user (`scoreUsers`) or a brand-new user
 * known only by the movies they rated (`scoreHistory`: fold-in, no retraining). `recommend` turns
 * scores into a ranked list with the user's own movies excluded. Models save and load through
 * `saveTopKArtifact` / `loadTopKArtifact` (src/train/artifact.ts) from `getConfig()` + `getArrays()`.
 *
 * The implicit API mirrors benfred/implicit where it can: `fit(userItems)`, `recommend(user, k, exclude)`,
 * fold-in (implicit's `recalculate_user=True`) through `scoreHistory`, `similarItems`.
 */

/** User × movie interactions in CSR form: user `u` rated `movies[offsets[u] … offsets[u+1])`. */
export interface UserItems {
  numUsers: number;
  numMovies: number;
  /** `numUsers + 1` offsets into `movies`. */
  offsets: Int32Array;
  /** Movie rows, ascending within each user. */
  movies: Int32Array;
  /** The star rating of each interaction (same length as `movies`). */
  ratings: Float32Array;
  /** Unix seconds of each interaction (same length as `movies`). */
  timestamps: Float64Array;
}

/** One user's history: what a brand-new (or changed) user has rated so far. */
export interface ItemHistory {
  movies: Int32Array;
  ratings?: Float32Array;
  timestamps?: Float64Array;
}

/** A model that scores every movie for a user. Higher scores rank first. */
export interface TopKRecommender {
  /** The class name the artifact registry rebuilds it by (e.g. 'EaseModel'). */
  readonly className: string;
  readonly numUsers: number;
  readonly numMovies: number;
  /**
   * True when a user's scores are a function of their history alone (EASE^R, item-kNN, most-popular):
   * serving then always calls `scoreHistory`, and a loaded model need not keep the training data.
   */
  readonly scoresFromHistory?: boolean;
  /** False when `scoreHistory` is unsupported (a model of trained users only, e.g. `EmbeddingLists`). */
  readonly foldsIn?: boolean;
  /**
   * Scores of every movie for each training user in `userRows`: a `userRows.length × numMovies`
   * row-major matrix (batched so models can use one matrix product for many users).
   */
  scoreUsers(userRows: Int32Array): Float32Array;
  /**
   * Scores of training user `userRow` whose current history is `history` (which may hold ratings made
   * since training), for models that mix trained user state with history-based parts (`ScoreBlend`);
   * serving prefers it to `scoreUsers` and `scoreHistory` for training users when present.
   */
  scoreTrainedUser?(userRow: number, history: ItemHistory): Float32Array;
  /** Scores of every movie (length `numMovies`) for a user known only by `history` (fold-in). */
  scoreHistory(history: ItemHistory): Float32Array;
  /**
   * How much each movie of `history` adds to `movie`'s score (same order as `history.movies`), for
   * models whose scores are such a sum (EASE^R, item-kNN): the honest "because you rated …".
   */
  contributions?(history: ItemHistory, movie: number): Float32Array;
  /** Hyper-parameters and sizes: JSON, stored in the artifact manifest and enough to rebuild. */
  getConfig(): Record<string, unknown>;
  /** The learned arrays by name, stored as binary files in the artifact. */
  getArrays(): Record<string, Float32Array | Int32Array>;
}

/** Rebuilds a model of one class from its config and arrays (the artifact registry's entry). */
export type TopKFactory = (config: never, arrays: Record<string, Float32Array | Int32Array>) => TopKRecommender;

/**
 * The `k` best movie rows of `scores` (descending; ties: lower row first), skipping `exclude`.
 * O(numMovies · log k) with a bounded heap.
 */
export function topKRows(scores: ArrayLike<number>, k: number, exclude?: ReadonlySet<number> | ArrayLike<number>): Int32Array {
  const skip = exclude === undefined ? undefined : exclude instanceof Set ? exclude : new Set(Array.from(exclude as ArrayLike<number>));
  const heapRows: number[] = [];
  const heapScores: number[] = [];
  // Min-heap on (score, -row): the root is the worst of the kept k.
  const worse = (a: number, b: number) => heapScores[a] < heapScores[b] || (heapScores[a] === heapScores[b] && heapRows[a] > heapRows[b]);
  const swap = (a: number, b: number) => {
    [heapRows[a], heapRows[b]] = [heapRows[b], heapRows[a]];
    [heapScores[a], heapScores[b]] = [heapScores[b], heapScores[a]];
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heapRows.length && worse(l, m)) m = l;
      if (r < heapRows.length && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  if (k <= 0) return new Int32Array(0);
  for (let m = 0; m < scores.length; m++) {
    const s = scores[m];
    if (Number.isNaN(s)) continue;
    // The exclusion set is asked only about rows that would enter (a Set lookup per movie was most of a request's cost at 62 k movies).
    if (heapRows.length === k && !(s > heapScores[0])) continue;
    if (skip?.has(m)) continue;
    if (heapRows.length < k) {
      heapRows.push(m);
      heapScores.push(s);
      for (let i = heapRows.length - 1; i > 0;) {
        const p = (i - 1) >> 1;
        if (!worse(i, p)) break;
        swap(i, p);
        i = p;
      }
    } else {
      heapRows[0] = m;
      heapScores[0] = s;
      down(0);
    }
  }
  const order = Array.from(heapRows.keys()).sort((a, b) => heapScores[b] - heapScores[a] || heapRows[a] - heapRows[b]);
  return Int32Array.from(order, (i) => heapRows[i]);
}

/** The top `k` movies for training user `userRow`, excluding `exclude` (usually the user's own movies). */
export function recommend(model: TopKRecommender, userRow: number, k: number, exclude?: ReadonlySet<number> | ArrayLike<number>): Int32Array {
  return topKRows(model.scoreUsers(Int32Array.of(userRow)), k, exclude);
}

/** The top `k` movies for a user known only by `history`; their own movies are excluded. */
export function recommendForHistory(model: TopKRecommender, history: ItemHistory, k: number): Int32Array {
  return topKRows(model.scoreHistory(history), k, history.movies);
}

/**
 * Factor-model scores of one user vector: p · item factors (+ the item bias) for every movie, −∞ for
 * movies the model never saw rated (`rated[m] === 0`). Item factors are `numMovies × p.length` row-major.
 */
export function factorScores(p: ArrayLike<number>, itemFactors: Float32Array, rated: Uint8Array | Int32Array | Float32Array, itemBias?: Float32Array): Float32Array {
  const f = p.length;
  const out = new Float32Array(rated.length);
  for (let m = 0; m < rated.length; m++) {
    if (!rated[m]) {
      out[m] = -Infinity;
      continue;
    }
    let s = itemBias ? itemBias[m] : 0;
    for (let k = 0, base = m * f; k < f; k++) s += p[k] * itemFactors[base + k];
    out[m] = s;
  }
  return out;
}

const factories = new Map<string, TopKFactory>();

/** Makes `rebuildTopKModel` (and `loadTopKModel`) able to rebuild `className` (once per class, at module load). */
export function registerTopKModel(className: string, factory: TopKFactory): void {
  factories.set(className, factory);
}

/** Rebuilds a model saved as `getConfig()` + `getArrays()`; throws for a class nobody registered. */
export function rebuildTopKModel(className: string, config: Record<string, unknown>, arrays: Record<string, Float32Array | Int32Array>): TopKRecommender {
  const factory = factories.get(className);
  if (!factory) throw new Error(`top-K model class '${className}' is not registered (known: ${[...factories.keys()].sort().join(', ') || 'none'}); import its module (src/models/index.ts imports all)`);
  return factory(config as never, arrays);
}
