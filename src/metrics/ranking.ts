/**
 * Ranking metrics over per-query lists (TF-Ranking semantics): each row of `labels` / `scores` is one
 * query's candidate list; items are ranked by score, highest first, ties in list order. Items with a
 * label < 0 (or a false `mask` entry) are padding. Lists without a relevant item (label > 0) carry no
 * information and are skipped.
 */
import { toRows, WeightedMean, type Matrix, type Metric } from './metric.ts';

/** A metric that scores one ranked list at a time and averages over lists; named `prefix` or `prefix_k`. */
abstract class ListMetric implements Metric {
  readonly name: string;
  private readonly mean = new WeightedMean();

  constructor(prefix: string, protected readonly k?: number) {
    if (k !== undefined && !(Number.isInteger(k) && k > 0)) throw new Error(`${prefix}: k must be a positive integer, got ${k}`);
    this.name = k === undefined ? prefix : `${prefix}_${k}`;
  }

  /** The metric of one list, given its labels in ranked order (padding removed). */
  protected abstract scoreList(rankedLabels: number[]): number;

  /** Adds `[queries, listSize]` labels and scores, with an optional 0/1 validity mask. */
  update(labels: Matrix, scores: Matrix, mask?: Matrix): void {
    const y = toRows(labels);
    const s = toRows(scores);
    const m = mask ? toRows(mask) : undefined;
    if (s.length !== y.length) throw new Error(`${this.name}.update: ${y.length} label rows, ${s.length} score rows`);
    y.forEach((row, q) => {
      if (s[q].length !== row.length) throw new Error(`${this.name}.update: row ${q} has ${row.length} labels, ${s[q].length} scores`);
      const items = row.map((_, i) => i).filter((i) => (m ? Boolean(m[q][i]) : row[i] >= 0));
      if (!items.some((i) => row[i] > 0)) return;
      items.sort((a, b) => s[q][b] - s[q][a] || a - b);
      this.mean.add(this.scoreList(items.map((i) => row[i])));
    });
  }

  result(): number {
    return this.mean.mean();
  }

  reset(): void {
    this.mean.reset();
  }
}

/** DCG of labels in the given order, gain 2^label − 1, discount 1 / log2(rank + 1), first `k` ranks. */
function dcg(rankedLabels: number[], k: number): number {
  let total = 0;
  for (let r = 0; r < Math.min(k, rankedLabels.length); r++) total += (2 ** Math.max(0, rankedLabels[r]) - 1) / Math.log2(r + 2);
  return total;
}

/** NDCG@k (all ranks when k is omitted): DCG over the ideal DCG of the same labels. */
export class NDCG extends ListMetric {
  constructor(k?: number) {
    super('ndcg', k);
  }
  protected scoreList(ranked: number[]): number {
    const k = this.k ?? ranked.length;
    return dcg(ranked, k) / dcg([...ranked].sort((a, b) => b - a), k);
  }
}

/** Mean reciprocal rank of the first relevant item (0 when it falls beyond `k`, if given). */
export class MRR extends ListMetric {
  constructor(k?: number) {
    super('mrr', k);
  }
  protected scoreList(ranked: number[]): number {
    const first = ranked.findIndex((l) => l > 0);
    return first < (this.k ?? Infinity) ? 1 / (first + 1) : 0;
  }
}

/** Recall@k: the fraction of a list's relevant items ranked in the top k. */
export class RecallAtK extends ListMetric {
  constructor(k: number) {
    super('recall', k);
  }
  protected scoreList(ranked: number[]): number {
    const relevant = ranked.filter((l) => l > 0).length;
    return ranked.slice(0, this.k!).filter((l) => l > 0).length / relevant;
  }
}
