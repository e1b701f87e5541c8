/**
 * What item–item top-K models share (EASE^R, item-kNN): a weight matrix W over the modelled movies
 * (the most-rated `maxMovies`), the user's scores being their weighted history times W, so fold-in is
 * exact; and the co-occurrence (Gram) matrix XᵀX both are fitted from, over a seeded user sample when
 * Σ users' ratings² exceeds a budget.
 */
import { Rng } from '../util/random.ts';
import type { ItemHistory, TopKRecommender, UserItems } from './top-k.ts';
import { movieCounts, scoreTrainingUsers } from './user-items.ts';

/** The config every item–item model records. */
export interface ItemItemConfig {
  [key: string]: unknown;
  numUsers: number;
  numMovies: number;
  /** How many movies W covers. */
  modelled: number;
}

/** Scores a user as Σ over their history of weight(movie) · W[movie, ·]; unmodelled movies score −∞. */
export abstract class ItemItemModel<C extends ItemItemConfig> implements TopKRecommender {
  abstract readonly className: string;
  readonly scoresFromHistory = true;
  readonly numUsers: number;
  readonly numMovies: number;
  /** Position of each catalogue movie row in W, or −1 when not modelled. */
  protected readonly slotOf: Int32Array;

  /**
   * @param weights W, `modelled × modelled` row-major over `movieRows`.
   * @param trainItems the training interactions, kept so `scoreUsers` can score training users.
   */
  constructor(readonly config: C, readonly weights: Float32Array, readonly movieRows: Int32Array, private readonly trainItems?: UserItems) {
    const n = movieRows.length;
    if (weights.length !== n * n) throw new Error(`${new.target.name}: weights hold ${weights.length} values, expected ${n} × ${n}`);
    this.numUsers = config.numUsers;
    this.numMovies = config.numMovies;
    this.slotOf = new Int32Array(this.numMovies).fill(-1);
    movieRows.forEach((m, i) => { this.slotOf[m] = i; });
  }

  /** How much each history movie counts (same order as `history.movies`). */
  protected abstract historyWeights(history: ItemHistory): Float32Array;

  scoreUsers(userRows: Int32Array): Float32Array {
    return scoreTrainingUsers(this, this.trainItems, userRows);
  }

  scoreHistory(history: ItemHistory): Float32Array {
    const n = this.movieRows.length;
    const weightOf = this.historyWeights(history);
    const modelScores = new Float32Array(n);
    history.movies.forEach((m, h) => {
      const i = this.slot(m);
      if (i < 0 || weightOf[h] === 0) return;
      const row = this.weights.subarray(i * n, (i + 1) * n);
      const w = weightOf[h];
      for (let j = 0; j < n; j++) modelScores[j] += w * row[j];
    });
    const out = new Float32Array(this.numMovies).fill(-Infinity);
    this.movieRows.forEach((m, j) => { out[m] = modelScores[j]; });
    return out;
  }

  contributions(history: ItemHistory, movie: number): Float32Array {
    const n = this.movieRows.length;
    const j = this.slot(movie);
    const weightOf = this.historyWeights(history);
    return Float32Array.from(history.movies, (m, h) => {
      const i = this.slot(m);
      return i < 0 || j < 0 ? 0 : weightOf[h] * this.weights[i * n + j];
    });
  }

  getConfig(): C {
    return this.config;
  }

  getArrays(): Record<string, Float32Array | Int32Array> {
    return { weights: this.weights, movieRows: this.movieRows };
  }

  private slot(m: number): number {
    return m >= 0 && m < this.numMovies ? this.slotOf[m] : -1;
  }
}

/** The most-rated `maxMovies` movies rated at least once (ascending rows) and each row's slot (−1: not modelled). */
export function modelledMovies(ui: UserItems, maxMovies: number): { movieRows: Int32Array; slot: Int32Array } {
  const counts = movieCounts(ui);
  const rated = Array.from(counts.keys()).filter((m) => counts[m] > 0);
  const movieRows = Int32Array.from(rated.length > maxMovies
    ? rated.sort((a, b) => counts[b] - counts[a] || a - b).slice(0, maxMovies).sort((a, b) => a - b)
    : rated);
  const slot = new Int32Array(ui.numMovies).fill(-1);
  movieRows.forEach((m, i) => { slot[m] = i; });
  return { movieRows, slot };
}

/**
 * G = XᵀX over the modelled movies (`slot`, `n` of them): G[i][j] = users who rated both. Above
 * `maxCost` additions (Σ users' modelled ratings²) only a seeded random sample of users that fits counts.
 */
export function coOccurrence(ui: UserItems, slot: Int32Array, n: number, maxCost: number, seed: number): { gram: Float32Array; users: number } {
  // Tuning fits one family many times on the same interactions: the matrix is counted once per
  // (interactions, movies, budget, seed) and each fit gets a copy to overwrite.
  const key = `${n}:${maxCost}:${seed}`;
  const cached = gramCache.get(ui);
  if (cached && cached.key === key && sameSlots(cached.slot, slot)) return { gram: cached.gram.slice(), users: cached.users };
  const counted = countCoOccurrence(ui, slot, n, maxCost, seed);
  gramCache.set(ui, { key, slot: slot.slice(), gram: counted.gram, users: counted.users });
  return { gram: counted.gram.slice(), users: counted.users };
}

/** The last co-occurrence matrix counted for each interaction matrix (dropped with it). */
const gramCache = new WeakMap<UserItems, { key: string; slot: Int32Array; gram: Float32Array; users: number }>();

function sameSlots(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function countCoOccurrence(ui: UserItems, slot: Int32Array, n: number, maxCost: number, seed: number): { gram: Float32Array; users: number } {
  const gram = new Float32Array(n * n);
  const slots: number[] = [];
  const users = gramSample(ui, slot, maxCost, seed);
  for (const u of users) {
    slots.length = 0;
    for (let p = ui.offsets[u]; p < ui.offsets[u + 1]; p++) if (slot[ui.movies[p]] >= 0) slots.push(slot[ui.movies[p]]);
    for (const i of slots) {
      const row = i * n;
      for (const j of slots) gram[row + j] += 1;
    }
  }
  return { gram, users: users.length };
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
