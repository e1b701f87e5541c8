/**
 * `maxella experiments run`: loads the dataset, runs the selected experiments one after another,
 * writes report.md and report.html, and prints a summary.
 */
import { siblingModule } from '../util/sibling-module.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compareWithSeeds, tally } from './comparison.ts';
import { selectExperiments, type ExperimentName } from './registry.ts';
import { renderHtml, renderMarkdown, type ReportHeader } from './report.ts';
import { prepareContext, runExperiment, type PreparedRun } from './run-one.ts';
import type { ExperimentContext, ExperimentResult } from './types.ts';
import type { WorkerMessage } from './worker.ts';

/** Options of `runExperiments` (the command-line flags). */
export interface RunExperimentsOptions {
  /** A release name, folder, .zip or synthetic spec. */
  dataset: string;
  quick?: boolean;
  /** Comma-separated experiment names. */
  only?: string;
  /** Seeded runs per configuration (default 5, quick 1). */
  runs?: number;
  /** Output folder for report.md, report.html and the experiments' own files. */
  out: string;
  seed?: number;
  /** movies_extrainfos.dat to join, or false for none (default: found beside the data). */
  enrich?: string | false;
  offline?: boolean;
  /** Experiments run side by side in this many worker threads (default 1: in this thread). */
  jobs?: number;
  /** The command line, printed at the top of the report. */
  command?: string;
  log?: (message: string) => void;
}

/** What a run produced. */
export interface RunExperimentsResult {
  results: ExperimentResult[];
  reportMarkdown: string;
  reportHtml: string;
  failures: string[];
}

/** Experiments by expected cost, most expensive first (so parallel workers finish together). */
const COST_ORDER: ExperimentName[] = ['retrieval', 'ranking', 'dcn', 'multitask', 'listwise', 'tuning', 'basic', 'baselines'];

/** Runs the experiments and writes the reports; failures are reported in the output and returned. */
export async function runExperiments(opts: RunExperimentsOptions): Promise<RunExperimentsResult> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const started = Date.now();
  const loadAtStart = loadavg()[0];
  const names = selectExperiments(opts.only);
  const run: PreparedRun = {
    dataset: opts.dataset, quick: Boolean(opts.quick), runs: opts.runs ?? (opts.quick ? 1 : 5), seed: opts.seed ?? 42,
    out: opts.out, enrich: opts.enrich, offline: opts.offline,
  };
  await mkdir(opts.out, { recursive: true });
  const ctx = await prepareContext(run, log);
  log(`dataset ${opts.dataset}: ${ctx.dataset.ratings.length} ratings, enrichment: ${ctx.loaded.enrichment}`);
  const jobs = Math.max(1, Math.min(opts.jobs ?? 1, names.length));
  const byName = jobs === 1 ? await runHere(names, ctx) : await runInWorkers(names, run, jobs, log);
  const results = names.map((n) => byName.get(n)!);
  const failures = results.filter((r) => r.error).map((r) => `${r.name}: ${r.error}`);
  const header: ReportHeader = {
    command: opts.command ?? `maxella experiments run --dataset ${opts.dataset}${opts.quick ? ' --quick' : ''}`,
    dataset: opts.dataset, enrichment: ctx.loaded.enrichment, ratings: ctx.dataset.ratings.length, mode: ctx.mode, runs: run.runs,
    backend: ctx.backend, jobs, load: [loadAtStart, loadavg()[0]], startedAt: new Date(started).toISOString(), seconds: (Date.now() - started) / 1000,
    cpus: `${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'})`,
  };
  const reportMarkdown = renderMarkdown(header, results);
  const reportHtml = await renderHtml(header, results);
  await writeFile(join(opts.out, 'report.md'), reportMarkdown);
  await writeFile(join(opts.out, 'report.html'), reportHtml);
  const comparisons = compareWithSeeds(results);
  log(`\nAgainst the seeds' numbers Maxella ${tally(comparisons)}; ${(header.seconds / 60).toFixed(1)} min.`);
  for (const c of comparisons) log(`  ${c.verdict.padEnd(6)} ${c.table} · ${c.row} · ${c.metric}: ${c.maxella.toFixed(4)} vs ${c.seed.toFixed(4)}`);
  for (const f of failures) log(`FAILED ${f}`);
  log(`wrote ${join(opts.out, 'report.md')} and report.html`);
  return { results, reportMarkdown, reportHtml, failures };
}

type Result = Awaited<ReturnType<typeof runExperiment>>;

async function runHere(names: ExperimentName[], ctx: ExperimentContext): Promise<Map<ExperimentName, Result>> {
  const out = new Map<ExperimentName, Result>();
  for (const name of names) out.set(name, await runExperiment(name, ctx));
  return out;
}

/** Runs the experiments in `jobs` worker threads, each taking the next experiment (costliest first). */
async function runInWorkers(names: ExperimentName[], run: PreparedRun, jobs: number, log: (m: string) => void): Promise<Map<ExperimentName, Result>> {
  const queue = [...names].sort((a, b) => COST_ORDER.indexOf(a) - COST_ORDER.indexOf(b));
  const out = new Map<ExperimentName, Result>();
  // Workers do not inherit the TypeScript loader: from the sources each registers tsx, then imports the worker module.
  const module = siblingModule(import.meta.url, 'worker');
  const bootstrap = module.fromSource
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.url.href)}); });`
    : `import(${JSON.stringify(module.url.href)});`;
  const worker = (id: number) => new Promise<void>((resolve, reject) => {
    // execArgv: [] so that a parent's `--import tsx` is not registered a second time in the worker.
    const thread = new Worker(bootstrap, { eval: true, workerData: run, execArgv: [] });
    let current: ExperimentName | undefined;
    const next = () => {
      current = queue.shift();
      if (current) thread.postMessage(current);
      else void thread.terminate().then(() => resolve(), reject);
    };
    thread.on('message', (m: WorkerMessage) => {
      if (m.kind === 'ready') next();
      else if (m.kind === 'log') log(`[${id}] ${m.message}`);
      else {
        out.set(m.result.name as ExperimentName, m.result);
        next();
      }
    });
    thread.on('error', (error) => reject(new Error(`experiment worker ${id}${current ? ` (running ${current})` : ''} failed: ${error.message}`)));
    thread.on('exit', (code) => {
      if (current) reject(new Error(`experiment worker ${id} exited (code ${code}) while running ${current}`));
    });
  });
  await Promise.all(Array.from({ length: jobs }, (_, i) => worker(i + 1)));
  return out;
}
