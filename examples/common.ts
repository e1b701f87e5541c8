/**
 * What every example shares: its command line (`--data <spec>`, `--quick`, `--epochs <n>`), loading
 * the ratings (ML-100K by default, like the TFRS tutorials' `tfds.load('movielens/100k-ratings')`),
 * the seeded 80/20 split and TFRS-style metric printing. Kept small on purpose: the examples themselves
 * are the thing to read.
 */
import { parseArgs } from 'node:util';
import { loadDataset, randomSplit, type MovieLensDataset } from 'maxella/data';
import { initEngine } from 'maxella';
import type { Callback, Logs } from 'maxella/train';

/** The parsed command line of an example. */
export interface ExampleOptions {
  /** A dataset spec for `loadDataset` (a release name, a folder, a .zip, `synthetic:...`). */
  data: string | undefined;
  /** Few epochs on a subset: a smoke run that finishes in seconds. */
  quick: boolean;
  /** Epochs to train (default: the tutorial's, or 1 with `--quick`). */
  epochs: number;
}

/** Ratings used by `--quick` (train + test). */
export const QUICK_RATINGS = 20_000;
/** What `--quick` loads when ML-100K is not on this machine (no download in a smoke run). */
export const QUICK_FALLBACK = `synthetic:100k:${QUICK_RATINGS}`;

/** Parses `process.argv`; `tutorialEpochs` is the epoch count of the TFRS tutorial the example follows. */
export function exampleOptions(tutorialEpochs: number): ExampleOptions {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, quick: { type: 'boolean', default: false }, epochs: { type: 'string' } },
  });
  const epochs = values.epochs === undefined ? (values.quick ? 1 : tutorialEpochs) : Number(values.epochs);
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`--epochs must be a positive integer, got "${values.epochs}"`);
  return { data: values.data, quick: values.quick ?? false, epochs };
}

/**
 * Starts the tensor engine and loads the ratings: `--data` when given, else ML-100K (found in
 * `$MAXELLA_DATA_DIR` or `../shared/data/movielens`, downloaded otherwise). With `--quick` and no
 * local ML-100K it uses synthetic MovieLens-shaped data instead, and says so.
 */
export async function loadExampleData(options: ExampleOptions): Promise<MovieLensDataset> {
  const backend = await initEngine();
  let spec = options.data ?? 'ml-100k';
  let ds: MovieLensDataset;
  try {
    ds = await loadDataset(spec, { offline: options.quick && !options.data });
  } catch (err) {
    if (!options.quick || options.data) throw err;
    console.log(`ML-100K is not on this machine (${(err as Error).message.split('\n')[0]}); --quick uses ${QUICK_FALLBACK} instead.`);
    spec = QUICK_FALLBACK;
    ds = await loadDataset(spec);
  }
  console.log(`data: ${spec} (${ds.ratings.length} ratings, ${ds.users.length} users, ${ds.movies.length} movies); backend: ${backend}${options.quick ? '; quick mode' : ''}`);
  return ds;
}

/**
 * The tutorials' split: shuffle with seed 42, 80% train, 20% test. `--quick` keeps `QUICK_RATINGS`
 * ratings in all.
 */
export function trainTestSplit(ds: MovieLensDataset, options: ExampleOptions): { train: Int32Array; test: Int32Array } {
  const n = ds.ratings.length;
  const kept = options.quick ? Math.min(1, QUICK_RATINGS / n) : 1;
  const { train, test } = randomSplit(n, [0.8 * kept, 0.2 * kept], 42);
  return { train, test };
}

/** Prints metrics one per line, as `name: value` with 4 decimals (like TFRS' `evaluate(return_dict=True)`). */
export function printMetrics(title: string, logs: Record<string, number>): void {
  console.log(title);
  for (const [name, value] of Object.entries(logs)) console.log(`  ${name}: ${value.toFixed(4)}`);
}

/** The users-table row of the user with MovieLens id `userId` (the first user when absent, e.g. in synthetic data). */
export function userRow(ds: MovieLensDataset, userId: number): number {
  const row = ds.users.id.indexOf(userId);
  return row >= 0 ? row : 0;
}

/** A `fit` callback printing one Keras-style line per epoch: `Epoch 1/3 - loss: 1.2345 - val_…: …`. */
export function epochLogger(): Callback {
  let epochs = 0;
  return {
    onTrainBegin: (_model, info) => void (epochs = info.epochs),
    onEpochEnd: (_model, epoch, logs: Logs) => {
      const parts = Object.entries(logs).map(([name, value]) => `${name}: ${name === 'examples_per_second' ? Math.round(value) : value.toFixed(4)}`);
      console.log(`Epoch ${epoch + 1}/${epochs} - ${parts.join(' - ')}`);
    },
  };
}
