/**
 * The shapes every experiment shares: what it receives (`ExperimentContext`) and what it returns
 * (`ExperimentResult`: tables with the seeds' numbers beside Maxella's, charts, notes).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MovieLensDataset } from '../data/schema.ts';
import type { SeedCitation, SeedValue } from './seed-numbers.ts';

/** Mean ± sample standard deviation over `n` seeded runs. */
export interface Stat {
  mean: number;
  std: number;
  n: number;
}

/** One metric column of a result table. */
export interface MetricColumn {
  key: string;
  label: string;
  /** Which direction is better, for the beats/trails summary. */
  better: 'higher' | 'lower';
  digits?: number;
}

/** One model/setting of a table: the seed's number, a reference number, and Maxella's. */
export interface TableRow {
  label: string;
  settings: string;
  seed?: Partial<Record<string, SeedValue>>;
  reference?: Partial<Record<string, number>>;
  maxella: Partial<Record<string, Stat>>;
}

/** A table of the report. */
export interface ResultTable {
  title: string;
  /** Where the seed column comes from (absent when no seed reports these numbers). */
  citation?: SeedCitation;
  /** Where the reference column comes from (DESIGN.md's yardsticks, the literature). */
  referenceNote?: string;
  metrics: MetricColumn[];
  rows: TableRow[];
}

/** A Vega-Lite chart of the report. */
export interface ChartSpec {
  title: string;
  spec: TopLevelSpec;
}

/** What one experiment produced. */
export interface ExperimentResult {
  name: string;
  title: string;
  tables: ResultTable[];
  charts: ChartSpec[];
  notes: string[];
  seconds: number;
}

/** Experiment sizes: `full` for the report, `quick` for the smoke test. */
export type Mode = 'full' | 'quick';

/** Everything an experiment needs to run. */
export interface ExperimentContext {
  /** The ratings to use (a small subset in quick mode). */
  dataset: MovieLensDataset;
  /** Every rating of the release (for fixed splits such as ML-100K's u1–u5 folds). */
  fullDataset: MovieLensDataset;
  /** The `--dataset` spec, for the report. */
  datasetSpec: string;
  /** The folder holding the release files. */
  datasetDir: string;
  mode: Mode;
  /** Seeded runs per configuration (mean ± std); experiments may cap it. */
  runs: number;
  /** Base seed; run r uses `seed + r`. */
  seed: number;
  /** Folder for the experiment's own files (tuner state, best config). */
  workDir: string;
  log: (message: string) => void;
}

/** A reproducible experiment, selected on the command line by `name`. */
export interface Experiment {
  name: string;
  title: string;
  /** One sentence for `--help` and the report. */
  description: string;
  run(ctx: ExperimentContext): Promise<Omit<ExperimentResult, 'seconds' | 'name' | 'title'>>;
}
