/** The `maxella train` command: trains the app's default models and writes the artifact `maxella start` serves. */
import type { Command } from 'commander';
import { BAD_ROWS_HELP } from '../data/cli.ts';
import { trainingFlags } from './cli.ts';

/** Registers `train`. */
export function registerTrainCommands(program: Command): void {
  program
    .command('train')
    .description("train the app's default models (two-tower retrieval + biased MF ranking) and make them the version served")
    .option('--data <spec>', 'dataset: ml-100k, ml-1m, a folder, or synthetic:<format>:<ratings>', 'ml-100k')
    .option('--artifacts <dir>', 'folder of model versions (the new one becomes current; running servers switch to it)', './data/models')
    .option('--db <file|url>', "the app's store: its ratings are trained on too (a SQLite file that does not exist adds none)", './data/maxella.db')
    .option('--epochs <n>', 'retrieval epochs (default 1)')
    .option('--batch-size <n>', 'retrieval batch size (default 1024)')
    .option('--dim <n>', 'embedding dimension (default 32)')
    .option('--factors <n>', 'matrix-factorization factors (default 20)')
    .option('--seed <n>', 'random seed of split, initialisation and shuffling (default 42)')
    .option('--bad-rows <policy>', BAD_ROWS_HELP)
    .option('--quiet', 'no progress, only the result line')
    .option('--json', 'print the result (version, folder, seconds, metrics) as one JSON object on stdout')
    .action(async (o: { data: string; artifacts: string; db: string; epochs?: string; batchSize?: string; dim?: string; factors?: string; seed?: string; badRows?: string; quiet?: boolean; json?: boolean }) => {
      const { badRowPolicy, loadDataset } = await import('../data/source.ts');
      const { describeDropped } = await import('../data/readers/bad-rows.ts');
      const { trainAppModels } = await import('./model/train.ts');
      const { saveAppModels, setCurrentVersion } = await import('./model/artifact.ts');
      const { terminalProgress } = await import('./progress.ts');
      const options = trainingFlags(o);
      const { withStoredRatings } = await import('./training-data.ts');
      const { describeDb } = await import('./store/open.ts');
      // --json keeps stdout for the result; --quiet drops the running commentary.
      const say = o.json ? (line: string) => console.error(line) : o.quiet ? () => {} : (line: string) => console.log(line);
      const dataset = await loadDataset(o.data, o.badRows === undefined ? {} : { badRows: badRowPolicy(o.badRows) });
      if (dataset.dropped) console.error(`maxella train: ${describeDropped(dataset.dropped)}`);
      const { ds, appRatings } = await withStoredRatings(dataset, o.db);
      say(`maxella train: ${ds.name}: ${ds.ratings.length} ratings (${appRatings} from the app's store ${describeDb(o.db)}), ${ds.users.length} users, ${ds.movies.length} movies`);
      const started = Date.now();
      const progress = o.quiet || o.json ? undefined : terminalProgress('training');
      const trained = await trainAppModels(ds, options, progress?.onProgress);
      progress?.stop();
      const { dir, manifest } = await saveAppModels(o.artifacts, ds, trained);
      await setCurrentVersion(o.artifacts, manifest.version);
      const seconds = (Date.now() - started) / 1000;
      if (o.json) {
        console.log(JSON.stringify({ version: manifest.version, dir, seconds, metrics: manifest.metrics }));
        return;
      }
      console.log(`maxella train: ${manifest.version} in ${seconds.toFixed(1)} s → ${dir} (now current)`);
      if (!o.quiet) for (const [name, value] of Object.entries(manifest.metrics)) console.log(`  ${name.padEnd(18)} ${Number.isInteger(value) ? value : value.toFixed(4)}`);
    });
}
