/** The `maxella serve` and `maxella start` commands (the same app; `npm start` runs `start`). */
import type { Command } from 'commander';
import { BAD_ROWS_HELP } from '../data/cli.ts';
import { UsageError } from '../util/usage-error.ts';

/** Registers `serve` and `start`. */
export function registerServeCommands(program: Command): void {
  for (const [name, description] of [
    ['start', 'get the data, train the default models if none exist, and serve the app (npm start)'],
    ['serve', 'serve the app and its JSON API (trains first when no model exists)'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .option('--data <spec>', 'dataset: ml-100k, ml-1m, a folder, or synthetic:<format>:<ratings>', 'ml-100k')
      .option('--db <file|url>', 'SQLite file, or postgres://user@host:port/db', './data/maxella.db')
      .option('--artifacts <dir>', 'folder of trained model versions', './data/models')
      .option('--port <n>', 'port to listen on', '8080')
      .option('--host <address>', 'address to listen on', '127.0.0.1')
      .option('--epochs <n>', 'retrieval epochs when training (default 1)')
      .option('--batch-size <n>', 'retrieval batch size when training (default 1024)')
      .option('--rate-limit <n>', 'requests per minute per client', '1200')
      .option('--write-rate-limit <n>', 'writes (ratings, sign-ups) per minute per client', '120')
      .option('--admin-token-file <file>', 'where the admin token is kept when $MAXELLA_ADMIN_TOKEN is not set (generated and shown once if missing; default <artifacts>/../admin-token)')
      .option('--trust-proxy <addresses>', 'load balancers (comma-separated IPs/CIDRs) whose X-Forwarded-For names the client')
      .option('--log', 'log every request')
      .option('--bad-rows <policy>', BAD_ROWS_HELP)
      .option('--model-poll <ms>', 'check the artifact folder\'s current.json this often and switch to a newly published version (0: never)', '2000')
      .action(async (o: { data: string; db: string; artifacts: string; port: string; host: string; epochs?: string; batchSize?: string; rateLimit: string; writeRateLimit: string; trustProxy?: string; adminTokenFile?: string; log?: boolean; badRows?: string; modelPoll: string }) => {
        const { startApp } = await import('./app.ts');
        // Through the environment, so the retraining child process reads the data the same way.
        if (o.badRows !== undefined) process.env.MAXELLA_BAD_ROWS = (await import('../data/source.ts')).badRowPolicy(o.badRows);
        const running = await startApp({
          data: o.data, db: o.db, artifacts: o.artifacts, port: nonNegativeInt('--port', o.port), host: o.host,
          training: trainingFlags(o), rateLimit: positiveInt('--rate-limit', o.rateLimit), writeRateLimit: positiveInt('--write-rate-limit', o.writeRateLimit),
          trustProxy: o.trustProxy, adminTokenFile: o.adminTokenFile, logger: Boolean(o.log),
          modelPollMs: nonNegativeInt('--model-poll', o.modelPoll),
        });
        const stop = () => void running.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
  }
}

/** The training settings given on the command line (the rest keep DEFAULT_TRAINING's values). */
export function trainingFlags(o: { epochs?: string; batchSize?: string; dim?: string; factors?: string; seed?: string }): Record<string, number> {
  const flags: Record<string, number> = {};
  if (o.epochs !== undefined) flags.epochs = positiveInt('--epochs', o.epochs);
  if (o.batchSize !== undefined) flags.batchSize = positiveInt('--batch-size', o.batchSize);
  if (o.dim !== undefined) flags.embeddingDim = positiveInt('--dim', o.dim);
  if (o.factors !== undefined) flags.mfFactors = positiveInt('--factors', o.factors);
  if (o.seed !== undefined) flags.seed = nonNegativeInt('--seed', o.seed);
  return flags;
}

/** `value` as a positive integer, or an error naming `flag`. */
export function positiveInt(flag: string, value: string): number {
  const n = nonNegativeInt(flag, value);
  if (n === 0) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** `value` as an integer ≥ 0 (port 0: any free port), or an error naming `flag`. */
export function nonNegativeInt(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  return n;
}
