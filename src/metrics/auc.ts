/** ROC AUC, computed exactly from all accumulated (score, label) pairs. */
import { readPaired, type Metric, type Values } from './metric.ts';

/**
 * Exact ROC AUC: the probability that a random positive scores above a random negative, ties
 * counting one half (the Mann-Whitney statistic, via one sort). Keras' `AUC` approximates the
 * same quantity with 200 thresholds; this keeps every pair, so memory grows with the examples seen.
 * Labels ≥ 0.5 are positives.
 */
export class AUC implements Metric {
  readonly name: string;
  private scores: number[] = [];
  private positive: boolean[] = [];

  constructor(name = 'auc') {
    this.name = name;
  }

  /** Adds binary labels and scores (probabilities or logits: only their order matters). */
  update(labels: Values, predictions: Values): void {
    const [y, p] = readPaired(this.name, labels, predictions);
    for (let i = 0; i < y.length; i++) {
      this.scores.push(p[i]);
      this.positive.push(y[i] >= 0.5);
    }
  }

  /** The AUC, or NaN when only one class has been seen. */
  result(): number {
    const order = this.scores.map((_, i) => i).sort((a, b) => this.scores[a] - this.scores[b]);
    let positives = 0;
    let rankSum = 0;
    for (let start = 0; start < order.length; ) {
      let end = start;
      while (end < order.length && this.scores[order[end]] === this.scores[order[start]]) end++;
      const midRank = (start + 1 + end) / 2; // 1-based average rank of the tied block
      for (let i = start; i < end; i++) {
        if (!this.positive[order[i]]) continue;
        positives++;
        rankSum += midRank;
      }
      start = end;
    }
    const negatives = order.length - positives;
    if (positives === 0 || negatives === 0) return NaN;
    return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
  }

  reset(): void {
    this.scores = [];
    this.positive = [];
  }
}
