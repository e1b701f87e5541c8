/**
 * `maxella experiments run`: loads the dataset, runs the selected experiments one after another,
 * writes report.md and report.html, and prints a summary.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { initEngine } from '../engine/index.ts';
import { compareWithSeeds, tally } from './comparison.ts';
import { loadExperimentDataset } from './data.ts';
import { EXPERIMENTS, selectExperiments } from './registry.ts';
import { renderHtml, renderMarkdown, type ReportHeader } from './report.ts';
import type { ExperimentContext, ExperimentResult } from './types.ts';

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

/** The number of ratings a quick run keeps. */
export const QUICK_RATINGS = 6000;

/** Runs the experiments and writes the reports; failures are reported in the output and returned. */
export async function runExperiments(opts: RunExperimentsOptions): Promise<RunExperimentsResult> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const started = Date.now();
  const names = selectExperiments(opts.only);
  const backend = await initEngine();
  const mode = opts.quick ? 'quick' : 'full';
  const loaded = await loadExperimentDataset(opts.dataset, {
    enrich: opts.enrich, offline: opts.offline, maxRatings: opts.quick ? QUICK_RATINGS : undefined, seed: opts.seed,
  });
  log(`dataset ${opts.dataset}: ${loaded.dataset.ratings.length} ratings, enrichment: ${loaded.enrichment}`);
  await mkdir(opts.out, { recursive: true });
  const ctx: ExperimentContext = {
    dataset: loaded.dataset, datasetSpec: opts.dataset, datasetDir: loaded.dir, mode,
    runs: opts.runs ?? (opts.quick ? 1 : 5), seed: opts.seed ?? 42, workDir: opts.out, log,
  };
  const results: ExperimentResult[] = [];
  const failures: string[] = [];
  for (const name of names) {
    const experiment = await EXPERIMENTS[name]();
    const t0 = Date.now();
    log(`— ${name}: ${experiment.description}`);
    try {
      const out = await experiment.run(ctx);
      results.push({ name, title: experiment.title, ...out, seconds: (Date.now() - t0) / 1000 });
    } catch (error) {
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      failures.push(`${name}: ${message}`);
      results.push({ name, title: experiment.title, tables: [], charts: [], notes: [`FAILED: ${message.split('\n')[0]}`], seconds: (Date.now() - t0) / 1000 });
    }
    log(`  ${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const header: ReportHeader = {
    command: opts.command ?? `maxella experiments run --dataset ${opts.dataset}${opts.quick ? ' --quick' : ''}`,
    dataset: opts.dataset, enrichment: loaded.enrichment, ratings: loaded.dataset.ratings.length, mode, runs: ctx.runs, backend,
    startedAt: new Date(started).toISOString(), seconds: (Date.now() - started) / 1000,
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
