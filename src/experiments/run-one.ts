/** Preparing an experiment context and running one experiment, in the main thread or a worker. */
import { initEngine } from '../engine/index.ts';
import { loadExperimentDataset, type LoadedExperimentData } from './data.ts';
import { EXPERIMENTS, type ExperimentName } from './registry.ts';
import type { ExperimentContext, ExperimentResult } from './types.ts';

/** The ratings a quick run keeps. */
export const QUICK_RATINGS = 6000;

/** Everything needed to rebuild the same context in another thread (structured-cloneable). */
export interface PreparedRun {
  dataset: string;
  quick: boolean;
  runs: number;
  seed: number;
  out: string;
  enrich?: string | false;
  offline?: boolean;
}

/** A context plus what was loaded, for the report header. */
export interface PreparedContext extends ExperimentContext {
  loaded: LoadedExperimentData;
  backend: string;
}

/** Initialises the engine, loads the dataset and builds the context. */
export async function prepareContext(run: PreparedRun, log: (message: string) => void): Promise<PreparedContext> {
  const backend = await initEngine();
  const loaded = await loadExperimentDataset(run.dataset, {
    enrich: run.enrich, offline: run.offline, maxRatings: run.quick ? QUICK_RATINGS : undefined, seed: run.seed,
  });
  return {
    dataset: loaded.dataset, fullDataset: loaded.fullDataset, datasetSpec: run.dataset, datasetDir: loaded.dir, mode: run.quick ? 'quick' : 'full',
    runs: run.runs, seed: run.seed, workDir: run.out, log, loaded, backend,
  };
}

/** Runs experiment `name`; a failure becomes a result whose note says what went wrong. */
export async function runExperiment(name: ExperimentName, ctx: ExperimentContext): Promise<ExperimentResult & { error?: string }> {
  const experiment = await EXPERIMENTS[name]();
  const started = Date.now();
  ctx.log(`— ${name}: ${experiment.description}`);
  const seconds = () => (Date.now() - started) / 1000;
  try {
    const out = await experiment.run(ctx);
    ctx.log(`  ${name} took ${seconds().toFixed(1)} s`);
    return { name, title: experiment.title, ...out, seconds: seconds() };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    ctx.log(`  ${name} FAILED after ${seconds().toFixed(1)} s: ${message}`);
    return { name, title: experiment.title, tables: [], charts: [], notes: [`FAILED: ${message.split('\n')[0]}`], seconds: seconds(), error: message };
  }
}
