/** The `maxella data` sub-commands. Heavy modules are imported inside the actions so `--help` stays fast. */
import type { Command } from 'commander';
import { describeDropped, type BadRowPolicy } from './readers/bad-rows.ts';
import type { MovieLensDataset } from './schema.ts';
import { registerSourceCommands } from './source-cli.ts';

/** Loads a dataset from a spec (`loadDataset` from ./source.ts by default; tests pass `readMovieLens`). */
export type DatasetLoader = (spec: string, badRows: BadRowPolicy) => Promise<MovieLensDataset>;

/**
 * The text (or JSON) `maxella data info <spec>` prints. With `badRows: 'drop'` it ends with what was
 * dropped (a `dropped` object in JSON).
 */
export async function dataInfo(spec: string, opts: { json?: boolean; load?: DatasetLoader; badRows?: BadRowPolicy } = {}): Promise<string> {
  const load = opts.load ?? (async (s: string, badRows: BadRowPolicy) => (await import('./source.ts')).loadDataset(s, { badRows }));
  const { datasetSummary, formatSummary } = await import('./summary.ts');
  const ds = await load(spec, opts.badRows ?? 'fail');
  const summary = datasetSummary(ds);
  if (opts.json) return JSON.stringify(ds.dropped ? { ...summary, dropped: ds.dropped } : summary, null, 2);
  const text = formatSummary(summary);
  return ds.dropped ? `${text}\n\n${describeDropped(ds.dropped)}` : text;
}

/** Help text of every `--bad-rows` flag. */
export const BAD_ROWS_HELP =
  "what to do with bad rows of the data files: 'fail' (default: stop at the first, naming file and line) or 'drop' (skip, count and report them); env MAXELLA_BAD_ROWS";

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
    .option('--bad-rows <policy>', BAD_ROWS_HELP)
    .addHelpText('after', '\nExamples:\n  maxella data info ml-100k\n  maxella data info ./my-ml-latest-small --json\n  maxella data info ./damaged-copy --bad-rows drop')
    .action(async (spec: string, options: { json?: boolean; badRows?: string }) => {
      const { badRowPolicy, badRowsFromEnv } = await import('./source.ts');
      console.log(await dataInfo(spec, { json: options.json, badRows: options.badRows === undefined ? badRowsFromEnv() : badRowPolicy(options.badRows) }));
    });
  registerSourceCommands(data);
}
