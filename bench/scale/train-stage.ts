/**
 * One size of bench/scale, the training side, in its own process (so its peak memory is its own):
 *
 *   node --import tsx bench/scale/train-stage.ts <data folder> <artifacts folder> [training JSON]
 *
 * Loads the folder with the app's reader, trains through the app's public entry point
 * (`trainAppModels`, whatever models it trains), times its stages from its progress reports, saves
 * the version (`saveAppModels`: the candidate index is built there) and makes it current. Prints one
 * JSON object: seconds and the peak RSS reached by the end of each stage.
 */
import { readMovieLens } from '../../src/data/readers/index.ts';
import { saveAppModels, setCurrentVersion } from '../../src/serve/model/artifact.ts';
import { trainAppModels, type TrainingProgress } from '../../src/serve/model/train.ts';
import { peakRssBytes } from '../../src/util/memory.ts';

/** One timed stage. */
export interface StageResult {
  stage: string;
  seconds: number;
  /** Peak RSS of the process by the end of the stage (cumulative: the process's high-water mark). */
  peakRssBytes: number;
}

const [dir, artifacts, optionsJson] = process.argv.slice(2);
if (!dir || !artifacts) throw new Error('usage: train-stage.ts <data folder> <artifacts folder> [training options JSON]');
const stages: StageResult[] = [];
let mark = performance.now();
const close = (stage: string) => {
  const now = performance.now();
  stages.push({ stage, seconds: (now - mark) / 1000, peakRssBytes: peakRssBytes() });
  mark = now;
};

const ds = await readMovieLens(dir);
close('load');
let current: TrainingProgress['stage'] | undefined;
let lastReport = 0;
const trained = await trainAppModels(ds, optionsJson ? (JSON.parse(optionsJson) as object) : {}, (p) => {
  if (p.stage !== current) {
    if (current) close(`train: ${current}`);
    current = p.stage;
  }
  if (performance.now() - lastReport > 30_000) {
    lastReport = performance.now();
    console.error(`  ${p.message} (${(p.fraction * 100).toFixed(0)} %)`);
  }
});
if (current) close(`train: ${current}`);
const { manifest } = await saveAppModels(artifacts, ds, trained);
await setCurrentVersion(artifacts, manifest.version);
close('index + save');
console.log(JSON.stringify({ ratings: ds.ratings.length, users: ds.users.length, movies: ds.movies.length, stages, metrics: manifest.metrics }));
