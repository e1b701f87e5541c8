/**
 * The steps every engine experiment shares: split and encode the ratings, train a model, evaluate
 * it on the test split, and keep its per-epoch validation curve for the charts.
 */
import { randomSplit } from '../data/splits.ts';
import type { MovieLensDataset } from '../data/schema.ts';
import type { Columns } from '../features/columns.ts';
import { availableFeatures, MovieLensEncoder, type MovieLensEncoderOptions, type MovieLensFeature } from '../features/movielens.ts';
import type { Model } from '../models/model.ts';
import type { Logs } from '../train/callback.ts';
import type { SeriesPoint } from './charts.ts';
import { repeatRuns } from './stats.ts';
import type { ExperimentContext, TableRow } from './types.ts';

/** A split encoded into feature columns with an encoder adapted on its training rows. */
export interface EncodedSplit {
  encoder: MovieLensEncoder;
  trainRows: Int32Array;
  testRows: Int32Array;
  train: Columns;
  test: Columns;
}

/** Splits `ds` at random (`fractions`, seed `splitSeed`) and encodes both parts. */
export function encodeSplit(
  ds: MovieLensDataset, features: MovieLensFeature[], fractions: [number, number], splitSeed: number,
  options: Omit<MovieLensEncoderOptions, 'features'> = {},
): EncodedSplit {
  const split = randomSplit(ds.ratings.length, fractions, splitSeed);
  const encoder = new MovieLensEncoder({ ...options, features }).adapt(ds, split.train);
  return { encoder, trainRows: split.train, testRows: split.test, train: encoder.encode(ds, split.train), test: encoder.encode(ds, split.test) };
}

/** The subset of `wanted` that `ds` has the columns for (enrichment features need enrichment). */
export function featuresAvailable(ds: MovieLensDataset, wanted: readonly MovieLensFeature[]): MovieLensFeature[] {
  const available = new Set(availableFeatures(ds));
  return wanted.filter((f) => available.has(f));
}

/** How to train one model. */
export interface FitSettings {
  epochs: number;
  batchSize: number;
  evalBatchSize: number;
  seed: number;
  /** Evaluate on the test split after every epoch (for a training curve); otherwise once at the end. */
  curve: boolean;
}

/** Final test metrics and, when asked, the per-epoch test metrics. */
export interface FitResult {
  metrics: Logs;
  /** `perEpoch[e][metric]` (empty without `curve`). */
  perEpoch: Logs[];
  /** CPU seconds of this process (steadier than wall time on a shared machine). */
  seconds: number;
}

/** Trains `model` (already compiled) on `data.train` and evaluates it on `data.test`. */
export async function fitAndEvaluate(model: Model, data: Pick<EncodedSplit, 'train' | 'test'>, s: FitSettings): Promise<FitResult> {
  const started = process.cpuUsage();
  const history = await model.fit(data.train, {
    epochs: s.epochs, batchSize: s.batchSize, seed: s.seed,
    ...(s.curve ? { validationData: data.test, validationBatchSize: s.evalBatchSize } : {}),
  });
  const perEpoch = s.curve
    ? history.epochs.map((logs) => Object.fromEntries(Object.entries(logs).filter(([k]) => k.startsWith('val_')).map(([k, v]) => [k.slice(4), v])))
    : [];
  const metrics = s.curve && perEpoch.length ? perEpoch[perEpoch.length - 1] : model.evaluate(data.test, { batchSize: s.evalBatchSize });
  const used = process.cpuUsage(started);
  return { metrics, perEpoch, seconds: (used.user + used.system) / 1e6 };
}

/** One chart series from per-epoch metrics. */
export function curvePoints(series: string, perEpoch: readonly Logs[], metric: string): SeriesPoint[] {
  return perEpoch.map((logs, e) => ({ series, x: e + 1, y: logs[metric] }));
}

/** TFRS metric names. */
export const RMSE = 'root_mean_squared_error';
/** The FactorizedTopK metric name for top-k accuracy. */
export const topK = (k: number) => `factorized_top_k/top_${k}_categorical_accuracy`;

/** One model setting of a table: how to build it, and what the seeds report for it. */
export interface Variant<M extends Model = Model> {
  label: string;
  settings: string;
  seed?: TableRow['seed'];
  reference?: TableRow['reference'];
  /** A fresh, compiled model for run seed `seed`. */
  build(seed: number): M;
  /** Overrides of the experiment's fit settings (e.g. more epochs). */
  fit?: Partial<Pick<FitSettings, 'epochs' | 'batchSize'>>;
  /** Called with the first run's trained model (e.g. to read its weights). */
  inspect?(model: M): void;
}

/** Rows (mean ± std over runs) and the first run's curves of every variant. */
export interface VariantResults {
  rows: TableRow[];
  curves: SeriesPoint[];
}

/**
 * Trains and evaluates each variant over `runs` seeded runs; `metrics` picks the table's metrics
 * from the test logs, `curveMetric` the metric drawn per epoch for the first run.
 */
export async function runVariants<M extends Model>(
  ctx: ExperimentContext, data: Pick<EncodedSplit, 'train' | 'test'>, variants: readonly Variant<M>[],
  fit: Omit<FitSettings, 'seed' | 'curve'>, metrics: (logs: Logs) => Record<string, number>, curveMetric: string, runs = ctx.runs,
): Promise<VariantResults> {
  const rows: TableRow[] = [];
  const curves: SeriesPoint[] = [];
  for (const variant of variants) {
    ctx.log(`  ${variant.label}`);
    const result = await repeatRuns(ctx, runs, async (seed) => {
      const model = variant.build(seed);
      const first = seed === ctx.seed;
      const out = await fitAndEvaluate(model, data, { ...fit, ...variant.fit, seed, curve: first });
      if (first) {
        curves.push(...curvePoints(variant.label, out.perEpoch, curveMetric));
        variant.inspect?.(model);
      }
      return { metrics: { ...metrics(out.metrics), seconds: out.seconds } };
    });
    rows.push({ label: variant.label, settings: variant.settings, seed: variant.seed, reference: variant.reference, maxella: result.stats });
  }
  return { rows, curves };
}
