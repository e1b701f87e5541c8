/** The `maxella experiments` sub-commands. */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { EXPERIMENT_NAMES } from './registry.ts';

/** Registers `maxella experiments run`. */
export function registerExperimentCommands(program: Command): void {
  const experiments = program.command('experiments').description("Reproduce the seeds' experiments side by side with their numbers.");
  experiments
    .command('run')
    .description('Train and evaluate, write report.md and report.html, print a summary.')
    .option('--dataset <spec>', 'ml-100k, ml-1m, latest-small (or any release name), a folder, a .zip or synthetic[:format[:ratings]]', 'ml-100k')
    .option('--quick', 'a smoke run: tiny epochs, one run, a small subset of the ratings')
    .option('--only <names>', `comma-separated subset of: ${EXPERIMENT_NAMES.join(', ')}`)
    .option('--runs <n>', 'seeded runs per setting (mean ± std); default 5, quick 1', (v) => positiveInt(v, '--runs'))
    .option('--out <dir>', 'output folder', 'experiments-out')
    .option('--seed <n>', 'base seed', (v) => positiveInt(v, '--seed'), 42)
    .option('--enrich <file>', 'movies_extrainfos.dat to join (default: found beside the data)')
    .option('--no-enrich', 'do not join director / star / release date')
    .option('--offline', 'never download a named release')
    .option('--jobs <n>', 'experiments run side by side in worker threads (the engine uses one core each)', (v) => positiveInt(v, '--jobs'), defaultJobs())
    .option('--quiet', 'no progress or summary: only failures (stderr) and where the report went')
    .option('--json', 'print the results (every table of every experiment, failures, report path) as one JSON object on stdout')
    .action(async (opts: { dataset: string; quick?: boolean; only?: string; runs?: number; out: string; seed: number; enrich?: string | false; offline?: boolean; jobs: number; quiet?: boolean; json?: boolean }) => {
      const { runExperiments } = await import('./runner.ts');
      const { join } = await import('node:path');
      const { quiet, json, ...options } = opts;
      const command = `maxella experiments ${process.argv.slice(process.argv.indexOf('experiments') + 1).join(' ')}`;
      const silent = quiet || json ? { log: (): void => {} } : {};
      const { results, failures } = await runExperiments({ ...options, command, ...silent });
      const report = join(opts.out, 'report.md');
      if (quiet || json) for (const f of failures) console.error(`FAILED ${f}`);
      if (json) console.log(JSON.stringify({ report, failures, results: results.map(({ charts: _charts, ...result }) => result) }));
      else if (quiet) console.log(`wrote ${report}`);
      if (failures.length) process.exitCode = 1;
    });
}

/** One job per core, at most 4. */
function defaultJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} expects a non-negative integer, got "${value}"`);
  return n;
}
