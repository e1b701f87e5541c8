/** Regression metrics: RMSE and MAE (Keras `RootMeanSquaredError`, `MeanAbsoluteError`). */
import { readPaired, WeightedMean, type Metric, type Values } from './metric.ts';

/** A metric over per-example errors e = prediction − label, weighted, averaged, then finished by `finish`. */
abstract class ErrorMean implements Metric {
  abstract readonly name: string;
  private readonly mean = new WeightedMean();

  protected abstract errorOf(difference: number): number;
  protected abstract finish(meanError: number): number;

  /** Adds a batch of labels and predictions (same length), optionally weighted per example. */
  update(labels: Values, predictions: Values, sampleWeight?: Values): void {
    const [y, p, w] = readPaired(this.name, labels, predictions, sampleWeight);
    for (let i = 0; i < y.length; i++) this.mean.add(this.errorOf(p[i] - y[i]), w ? w[i] : 1);
  }

  result(): number {
    return this.finish(this.mean.mean());
  }

  reset(): void {
    this.mean.reset();
  }
}

/** √(weighted mean of (prediction − label)²). */
export class RootMeanSquaredError extends ErrorMean {
  readonly name = 'root_mean_squared_error';
  protected errorOf(d: number): number {
    return d * d;
  }
  protected finish(m: number): number {
    return Math.sqrt(m);
  }
}

/** Weighted mean of |prediction − label|. */
export class MeanAbsoluteError extends ErrorMean {
  readonly name = 'mean_absolute_error';
  protected errorOf(d: number): number {
    return Math.abs(d);
  }
  protected finish(m: number): number {
    return m;
  }
}
