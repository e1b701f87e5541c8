/** Test helper: the app as a real child process (`maxella serve`), started and killed like a deployment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_DATA } from './fixtures.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'maxella.js');

/** A running server process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<void>;
}

/** Starts `maxella serve` on `port` (default: any free one) with `db` and `artifacts` (plus `extraArgs`); resolves once it listens. */
export function startServerProcess(opts: { db: string; artifacts: string; adminToken: string; data?: string; port?: number; extraArgs?: string[]; timeoutMs?: number }): Promise<ServerProcess> {
  const args = [BIN, 'serve', '--data', opts.data ?? TEST_DATA, '--db', opts.db, '--artifacts', opts.artifacts, '--port', String(opts.port ?? 0), '--epochs', '1', '--batch-size', '1024', ...(opts.extraArgs ?? [])];
  const child = spawn(process.execPath, args, { env: { ...process.env, MAXELLA_ADMIN_TOKEN: opts.adminToken }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), opts.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /open (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1], child, output: () => output,
        kill: () => new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGKILL');
        }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}:\n${output}`));
    });
  });
}
