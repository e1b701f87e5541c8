/**
 * Child process of a background retraining: loads the dataset, adds the app's ratings, trains the
 * default models, saves a new version and reports progress to the parent over IPC. Run by
 * `BackgroundRetrainer` (retrainer.ts) as `node --import tsx retrain-worker.ts '<job JSON>'`.
 */
import { loadDataset } from '../../data/source.ts';
import { openStore } from '../store/open.ts';
import { saveAppModels } from './artifact.ts';
import { withAppRatings } from './merge.ts';
import { trainAppModels, type AppTrainingOptions, type TrainingProgress } from './train.ts';

/** What the parent asks for. */
export interface RetrainJob {
  data: string;
  db: string;
  artifacts: string;
  options: Partial<AppTrainingOptions>;
}

/** Messages to the parent. */
export type RetrainMessage = { type: 'progress'; progress: TrainingProgress } | { type: 'done'; dir: string; version: string };

function send(message: RetrainMessage): void {
  process.send?.(message);
}

// A server that dies (even by SIGKILL) closes the IPC channel: the retraining it started stops with it.
const orphaned = () => process.exit(1);
process.once('disconnect', orphaned);

const job = JSON.parse(process.argv[2] ?? '{}') as RetrainJob;
const ds = await loadDataset(job.data, { offline: true });
const store = await openStore(job.db);
const stored = await store.allRatings();
await store.close();
const merged = withAppRatings(ds, stored);
send({ type: 'progress', progress: { stage: 'retrieval', fraction: 0, message: `training on ${merged.ratings.length} ratings (${stored.length} from the app)` } });
const trained = await trainAppModels(merged, job.options, (progress) => send({ type: 'progress', progress }));
send({ type: 'progress', progress: { stage: 'saving', fraction: 0.99, message: 'saving the artifact' } });
const { dir, manifest } = await saveAppModels(job.artifacts, merged, trained);
send({ type: 'done', dir, version: manifest.version });
process.off('disconnect', orphaned);
process.disconnect?.();
