/**
 * `maxella data fetch` and `maxella data synthetic`: the source sub-commands. `src/data/cli.ts` calls
 * `registerSourceCommands(data)`; heavy modules load inside the actions so `--help` stays fast.
 */
import { Command, InvalidArgumentError } from 'commander';
import { MOVIELENS_RELEASES } from './download.ts';
import { SYNTHETIC_FORMATS } from './synthetic-shape.ts';

function positiveInteger(text: string): number {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got "${text}"`);
  return n;
}

/** Adds `fetch <name>` and `synthetic --format --ratings --out [--seed]` under the `data` command. */
export function registerSourceCommands(data: Command): void {
  data
    .command('fetch')
    .description('download a MovieLens release from GroupLens (checksummed), extract it into the cache and print where it is')
    .argument('<name>', MOVIELENS_RELEASES.join(' | '))
    .option('--cache-dir <dir>', 'cache folder (default: $MAXELLA_CACHE_DIR or the XDG user cache)')
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', '\nA copy already in $MAXELLA_DATA_DIR, ../shared/data/movielens or the cache is used as is.\n\nExample:\n  maxella data fetch ml-100k')
    .action(async (name: string, options: { cacheDir?: string; progress: boolean }) => {
      const { isReleaseName } = await import('./download.ts');
      if (!isReleaseName(name)) throw new Error(`unknown release "${name}": expected one of ${MOVIELENS_RELEASES.join(', ')}`);
      const { resolveDataset } = await import('./source.ts');
      console.log(await resolveDataset(name, { cacheDir: options.cacheDir, progress: options.progress && process.stderr.isTTY }));
    });
  data
    .command('synthetic')
    .description('write a synthetic MovieLens release in the official file format, with the real releases\' shape')
    .requiredOption('--format <format>', SYNTHETIC_FORMATS.join(' | '))
    .requiredOption('--out <dir>', 'folder to write the release files into')
    .option('--ratings <n>', 'number of ratings (default: the real release\'s)', positiveInteger)
    .option('--users <n>', 'number of users (default: scaled from the real release)', positiveInteger)
    .option('--movies <n>', 'number of movies (default: scaled from the real release)', positiveInteger)
    .option('--seed <n>', 'random seed', positiveInteger, 42)
    .addHelpText('after', '\nExamples:\n  maxella data synthetic --format 100k --out /tmp/ml-100k-synthetic\n  maxella data synthetic --format 25m --ratings 25000095 --out /tmp/ml-25m-synthetic')
    .action(async (options: { format: string; out: string; ratings?: number; users?: number; movies?: number; seed: number }) => {
      if (!(SYNTHETIC_FORMATS as readonly string[]).includes(options.format)) {
        throw new Error(`unknown format "${options.format}": expected one of ${SYNTHETIC_FORMATS.join(', ')}`);
      }
      const { writeSyntheticMovieLens } = await import('./synthetic.ts');
      const started = Date.now();
      const summary = await writeSyntheticMovieLens(options.out, { ...options, format: options.format as (typeof SYNTHETIC_FORMATS)[number] });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`wrote ${summary.ratings} ratings, ${summary.users} users, ${summary.movies} movies (${summary.format}, seed ${summary.seed}) to ${options.out} in ${seconds} s`);
    });
}
