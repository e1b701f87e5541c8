/**
 * Metrics of ranked top-k lists against each user's relevant (held-out) movies, as Microsoft
 * Recommenders defines them (python_evaluation.py; binary relevance), averaged over users with at least
 * one relevant movie:
 *
 * - `precision`: hits in the top k / k (k, not the list's length, as Microsoft Recommenders);
 * - `recall`: hits / number of relevant movies;
 * - `ndcg`: DCG = Σ hits 1 / log2(rank + 1) over the ideal DCG of min(k, #relevant) hits;
 * - `map`: Σ over hits of precision at the hit's rank, / number of relevant movies (the "MAP" column
 *   of Microsoft Recommenders' published ML-100K table);
 * - `mapAtK`: the same sum / min(k, #relevant) (their newer `map_at_k`);
 * - `hitRate`: share of users with at least one hit; `mrr`: mean of 1 / rank of the first hit (0 if none);
 * - `coverage`: distinct recommended movies / catalogue size;
 * - `meanPopularityRank`: mean 1-based position of the recommended movies in the training popularity
 *   order (1 = the most rated movie): low means the lists are made of blockbusters.
 *
 * Each user costs O(k + #relevant) with a reusable mark array, so evaluation is O(users × k) beyond
 * the scoring.
 */

/** The averaged list metrics. */
export interface ListMetrics {
  k: number;
  users: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  mapAtK: number;
  hitRate: number;
  mrr: number;
  coverage: number;
  meanPopularityRank: number;
}

/** Accumulates list metrics one user at a time. */
export class ListMetricsAccumulator {
  private readonly relevantMark: Uint8Array;
  private readonly recommended: Uint8Array;
  private readonly sums = { precision: 0, recall: 0, ndcg: 0, map: 0, mapAtK: 0, hitRate: 0, mrr: 0, popularityRank: 0 };
  private users = 0;
  private listed = 0;
  /** 1 / log2(rank + 1) for ranks 1 … k. */
  private readonly discount: Float64Array;

  /**
   * @param popularityRanks 1-based popularity rank of every movie row (see `popularityRanks`); its
   *   length is the catalogue size.
   */
  constructor(readonly k: number, private readonly popularityRanks: Int32Array) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`list metrics: k must be a positive integer, got ${k}`);
    this.relevantMark = new Uint8Array(popularityRanks.length);
    this.recommended = new Uint8Array(popularityRanks.length);
    this.discount = Float64Array.from({ length: k }, (_, i) => 1 / Math.log2(i + 2));
  }

  /** Adds one user's ranked `list` (best first; only the first k count) and their `relevant` movie rows. */
  add(list: ArrayLike<number>, relevant: ArrayLike<number>): void {
    const n = Math.min(this.k, list.length);
    for (let i = 0; i < n; i++) {
      if (!this.recommended[list[i]]) this.recommended[list[i]] = 1;
      this.sums.popularityRank += this.popularityRanks[list[i]];
    }
    this.listed += n;
    let relevantCount = 0;
    for (let i = 0; i < relevant.length; i++) {
      if (!this.relevantMark[relevant[i]]) relevantCount++;
      this.relevantMark[relevant[i]] = 1;
    }
    if (relevantCount === 0) return;
    let hits = 0;
    let dcg = 0;
    let precisionSum = 0;
    let firstHit = 0;
    for (let i = 0; i < n; i++) {
      if (!this.relevantMark[list[i]]) continue;
      hits++;
      dcg += this.discount[i];
      precisionSum += hits / (i + 1);
      if (!firstHit) firstHit = i + 1;
    }
    for (let i = 0; i < relevant.length; i++) this.relevantMark[relevant[i]] = 0;
    let idcg = 0;
    for (let i = 0; i < Math.min(this.k, relevantCount); i++) idcg += this.discount[i];
    this.users++;
    this.sums.precision += hits / this.k;
    this.sums.recall += hits / relevantCount;
    this.sums.ndcg += dcg / idcg;
    this.sums.map += precisionSum / relevantCount;
    this.sums.mapAtK += precisionSum / Math.min(this.k, relevantCount);
    this.sums.hitRate += hits > 0 ? 1 : 0;
    this.sums.mrr += firstHit ? 1 / firstHit : 0;
  }

  /** The averages so far. */
  result(): ListMetrics {
    const per = (x: number) => (this.users ? x / this.users : 0);
    let distinct = 0;
    for (const r of this.recommended) distinct += r;
    const s = this.sums;
    return {
      k: this.k, users: this.users,
      precision: per(s.precision), recall: per(s.recall), ndcg: per(s.ndcg), map: per(s.map), mapAtK: per(s.mapAtK),
      hitRate: per(s.hitRate), mrr: per(s.mrr),
      coverage: this.recommended.length ? distinct / this.recommended.length : 0,
      meanPopularityRank: this.listed ? s.popularityRank / this.listed : 0,
    };
  }
}

/** 1-based rank of each movie by `counts` (most counted first; ties: lower row first). */
export function popularityRanks(counts: ArrayLike<number>): Int32Array {
  const order = Array.from({ length: counts.length }, (_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b);
  const ranks = new Int32Array(counts.length);
  order.forEach((m, i) => { ranks[m] = i + 1; });
  return ranks;
}
