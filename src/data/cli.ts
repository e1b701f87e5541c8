/** The `maxella data` sub-commands. Heavy modules are imported inside the actions so `--help` stays fast. */
import type { Command } from 'commander';
import type { MovieLensDataset } from './schema.ts';
import { registerSourceCommands } from './source-cli.ts';

/** Loads a dataset from a spec (`loadDataset` from ./source.ts by default; tests pass `readMovieLens`). */
export type DatasetLoader = (spec: string) => Promise<MovieLensDataset>;

/** The text (or JSON) `maxella data info <spec>` prints. */
export async function dataInfo(spec: string, opts: { json?: boolean; load?: DatasetLoader } = {}): Promise<string> {
  const load = opts.load ?? (async (s: string) => (await import('./source.ts')).loadDataset(s));
  const { datasetSummary, formatSummary } = await import('./summary.ts');
  const summary = datasetSummary(await load(spec));
  return opts.json ? JSON.stringify(summary, null, 2) : formatSummary(summary);
}

/** Adds `maxella data ...` to `program`. */
export function registerDataCommands(program: Command): void {
  const data = program
    .command('data')
    .description('MovieLens datasets: inspect, fetch and generate them')
    .showHelpAfterError();
  data
    .command('info')
    .description("print the seeds' statistics summary of a dataset: counts, time range, rating distribution, means and quartiles")
    .argument('<dataset>', 'ml-100k | ml-1m | ml-latest-small | ml-latest | ml-20m | ml-25m | synthetic[:format[:ratings]] | a folder | a .zip')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExamples:\n  maxella data info ml-100k\n  maxella data info ./my-ml-latest-small --json')
    .action(async (spec: string, options: { json?: boolean }) => {
      console.log(await dataInfo(spec, options));
    });
  registerSourceCommands(data);
}
