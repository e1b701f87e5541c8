/**
 * A worker thread that runs one experiment at a time for `runExperiments --jobs N`: the wasm engine
 * runs one thread per process, so experiments run side by side in workers to use every core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareContext, runExperiment, type PreparedRun } from './run-one.ts';
import { EXPERIMENTS, EXPERIMENT_NAMES, type ExperimentName } from './registry.ts';

/** What the parent sends to a worker: the run's options. */
export type WorkerInput = PreparedRun;

/** Messages a worker sends back. */
export type WorkerMessage =
  | { kind: 'log'; message: string }
  | { kind: 'result'; result: Awaited<ReturnType<typeof runExperiment>> }
  | { kind: 'ready' };

const port = parentPort!;
const send = (m: WorkerMessage) => port.postMessage(m);
const ctx = await prepareContext(workerData as WorkerInput, (message) => send({ kind: 'log', message }));
// Load every experiment module up front: module loading through the TypeScript loader in the middle
// of a run has been seen to stall in worker threads.
await Promise.all(EXPERIMENT_NAMES.map((name) => EXPERIMENTS[name]()));
port.on('message', async (name: ExperimentName | null) => {
  if (name === null) {
    port.close();
    return;
  }
  send({ kind: 'result', result: await runExperiment(name, ctx) });
});
send({ kind: 'ready' });
