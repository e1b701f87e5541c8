/**
 * Background retraining: one child process at a time (retrain-worker.ts) trains and saves a new
 * version while the server keeps serving; when it is done, `onTrained(dir)` loads it and swaps it in.
 */
import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { siblingModule } from '../../util/sibling-module.ts';
import { ApiError } from '../api/errors.ts';
import type { Retrainer, RetrainStatus } from '../api/context.ts';
import type { RetrainJob, RetrainMessage } from './retrain-worker.ts';

const WORKER = siblingModule(import.meta.url, 'retrain-worker');

/** Runs retraining in a child process; see the file comment. */
export class BackgroundRetrainer implements Retrainer {
  private current: RetrainStatus = { state: 'idle', progress: 0, message: 'no retraining since the server started', startedAt: null, finishedAt: null, version: null };

  constructor(private readonly job: RetrainJob, private readonly onTrained: (dir: string, version: string) => Promise<void>) {}

  status(): RetrainStatus {
    return { ...this.current };
  }

  start(): RetrainStatus {
    if (this.current.state === 'running') throw new ApiError(409, 'conflict', 'a retraining is already running');
    this.current = { state: 'running', progress: 0, message: 'starting', startedAt: new Date().toISOString(), finishedAt: null, version: null };
    const child = fork(WORKER.path, [JSON.stringify(this.job)], { execArgv: WORKER.execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    if (child.pid) setPriority(child.pid, 10);
    let stderr = '';
    let trained: { dir: string; version: string } | undefined;
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('message', (message: RetrainMessage) => {
      if (message.type === 'progress') this.update({ progress: message.progress.fraction, message: message.progress.message });
      else trained = { dir: message.dir, version: message.version };
    });
    child.on('exit', (code) => void this.finish(code, trained, stderr));
    return this.status();
  }

  private update(change: Partial<RetrainStatus>): void {
    this.current = { ...this.current, ...change };
  }

  private async finish(code: number | null, trained: { dir: string; version: string } | undefined, stderr: string): Promise<void> {
    const finishedAt = new Date().toISOString();
    if (code !== 0 || !trained) {
      const reason = stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${code}`;
      this.update({ state: 'failed', finishedAt, message: `retraining failed: ${reason}` });
      return;
    }
    try {
      this.update({ progress: 1, message: `loading ${trained.version}` });
      await this.onTrained(trained.dir, trained.version);
      this.update({ state: 'done', finishedAt, version: trained.version, message: `now serving ${trained.version}` });
    } catch (error) {
      this.update({ state: 'failed', finishedAt, message: `the new model could not be loaded: ${(error as Error).message}` });
    }
  }
}
