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
  seed: number;
  /** 1-based epochs after which to evaluate (the last epoch is always evaluated). */
  evaluateAfter?: ReadonlySet<number> | 'every';
}

/** Test metrics of a model (default: `model.evaluate` on the test split). */
export type Evaluator<M extends Model = Model> = (model: M) => Logs;

/** Final test metrics, the metrics after each evaluated epoch, and the CPU time. */
export interface FitResult {
  metrics: Logs;
  /** `byEpoch.get(e)` = test metrics after epoch e (1-based). */
  byEpoch: Map<number, Logs>;
  /** Wall seconds of training and evaluation (process CPU time would count the other workers too). */
  seconds: number;
}

/** The default evaluator: `model.evaluate(test)`. */
export function evaluateOn(test: Columns, batchSize: number): Evaluator {
  return (model) => model.evaluate(test, { batchSize });
}

/** Trains `model` (already compiled) on `train`, evaluating it after the requested epochs. */
export async function fitAndEvaluate<M extends Model>(model: M, train: Columns, evaluate: Evaluator<M>, s: FitSettings): Promise<FitResult> {
  const started = performance.now();
  const byEpoch = new Map<number, Logs>();
  const wanted = (epoch: number) => epoch === s.epochs || s.evaluateAfter === 'every' || Boolean(s.evaluateAfter?.has(epoch));
  await model.fit(train, {
    epochs: s.epochs, batchSize: s.batchSize, seed: s.seed,
    callbacks: [{ onEpochEnd: (_, epoch) => { if (wanted(epoch + 1)) byEpoch.set(epoch + 1, evaluate(model)); } }],
  });
  const metrics = byEpoch.get(s.epochs) ?? evaluate(model);
  return { metrics, byEpoch, seconds: (performance.now() - started) / 1000 };
}

/** One chart series from per-epoch metrics. */
export function curvePoints(series: string, byEpoch: ReadonlyMap<number, Logs>, metric: string): SeriesPoint[] {
  return [...byEpoch].sort(([a], [b]) => a - b).map(([epoch, logs]) => ({ series, x: epoch, y: logs[metric] }));
}

/** TFRS metric names. */
export const RMSE = 'root_mean_squared_error';
/** The FactorizedTopK metric name for top-k accuracy. */
export const topK = (k: number) => `factorized_top_k/top_${k}_categorical_accuracy`;

/** A table row read off a variant's run at an earlier epoch (the same run: epochs replay identically). */
export interface Snapshot {
  epoch: number;
  label: string;
  settings: string;
  seed?: TableRow['seed'];
  reference?: TableRow['reference'];
}

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
  /** Extra rows from the same runs after fewer epochs. */
  snapshots?: Snapshot[];
  /** Called with the first run's trained model (e.g. to read its weights). */
  inspect?(model: M): void;
}

/** Rows (mean ± std over runs) and the first run's curves of every variant. */
export interface VariantResults {
  rows: TableRow[];
  curves: SeriesPoint[];
}

/** What `runVariants` needs besides the variants. */
export interface VariantRunSettings<M extends Model> {
  train: Columns;
  evaluate: Evaluator<M>;
  fit: Omit<FitSettings, 'seed' | 'evaluateAfter'>;
  /** The table's metrics from a model's test logs. */
  metrics: (logs: Logs) => Record<string, number>;
  /** The test metric drawn per epoch (first run only). */
  curveMetric: string;
  runs: number;
}

/**
 * Trains and evaluates each variant over `runs` seeded runs (seeds ctx.seed, ctx.seed + 1, …) and
 * returns its rows (and its snapshots' rows) with mean ± std, plus the first run's curves.
 */
export async function runVariants<M extends Model>(ctx: ExperimentContext, variants: readonly Variant<M>[], s: VariantRunSettings<M>): Promise<VariantResults> {
  const rows: TableRow[] = [];
  const curves: SeriesPoint[] = [];
  for (const variant of variants) {
    ctx.log(`  ${variant.label}`);
    const snapshots = variant.snapshots ?? [];
    const result = await repeatRuns(ctx, s.runs, async (seed) => {
      const model = variant.build(seed);
      const first = seed === ctx.seed;
      const evaluateAfter = first ? 'every' : new Set(snapshots.map((x) => x.epoch));
      const out = await fitAndEvaluate(model, s.train, s.evaluate, { ...s.fit, ...variant.fit, seed, evaluateAfter });
      if (first) {
        curves.push(...curvePoints(variant.label, out.byEpoch, s.curveMetric));
        variant.inspect?.(model);
      }
      const metrics: Record<string, number> = { ...s.metrics(out.metrics), seconds: out.seconds };
      snapshots.forEach((x, i) => {
        for (const [k, v] of Object.entries(s.metrics(out.byEpoch.get(x.epoch)!))) metrics[`${i}:${k}`] = v;
      });
      return { metrics };
    });
    snapshots.forEach((x, i) => {
      const stats = Object.fromEntries(Object.entries(result.stats).filter(([k]) => k.startsWith(`${i}:`)).map(([k, v]) => [k.slice(`${i}:`.length), v]));
      rows.push({ label: x.label, settings: x.settings, seed: x.seed, reference: x.reference, maxella: stats });
    });
    const stats = Object.fromEntries(Object.entries(result.stats).filter(([k]) => !k.includes(':')));
    rows.push({ label: variant.label, settings: variant.settings, seed: variant.seed, reference: variant.reference, maxella: stats });
  }
  return { rows, curves };
}
