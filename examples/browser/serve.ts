/**
 * Builds and serves the browser demo: the page at `/`, a MovieLens 100K / 1M folder at `/ml-100k/`
 * (read from this machine at run time: MovieLens files are never bundled) and an artifact saved by
 * Node at `/artifact/`.
 *
 *   node --conditions=maxella-source --import tsx examples/browser/serve.ts [--data <folder>] [--artifact <folder>] [--port 8090]
 *
 * Without --data it serves ../shared/data/movielens/ml-100k when present; without --artifact it trains
 * one (export-model.ts) into a temporary folder first.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { buildDemo, DEMO_DIST } from './build.ts';
import { exportDemoModel } from './export-model.ts';

/** The ML-100K copy beside a checkout (CI always has it). */
export const SHARED_ML100K = fileURLToPath(new URL('../../../shared/data/movielens/ml-100k', import.meta.url));

/** A running demo server. */
export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the built demo (`DEMO_DIST`), `dataDir` at /ml-100k/ and `artifactDir` at /artifact/ on `port` (0: any free one). */
export async function serveDemo(dataDir: string, artifactDir: string, port = 0): Promise<DemoServer> {
  const app = Fastify();
  await app.register(fastifyStatic, { root: DEMO_DIST, prefix: '/' });
  await app.register(fastifyStatic, { root: resolve(dataDir), prefix: '/ml-100k/', decorateReply: false });
  await app.register(fastifyStatic, { root: resolve(artifactDir), prefix: '/artifact/', decorateReply: false });
  const address = await app.listen({ port, host: '127.0.0.1' });
  return { url: `${address}/`, close: () => app.close() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { data: { type: 'string' }, artifact: { type: 'string' }, port: { type: 'string', default: '8090' } } });
  const dataDir = values.data ?? SHARED_ML100K;
  if (!existsSync(dataDir)) {
    console.error(`no MovieLens folder at ${dataDir}: pass --data <ml-100k folder> (e.g. from \`maxella data fetch ml-100k\`)`);
    process.exit(2);
  }
  await buildDemo();
  let artifactDir = values.artifact;
  if (!artifactDir) {
    artifactDir = join(mkdtempSync(join(tmpdir(), 'maxella-demo-')), 'two-tower');
    console.log(`training the Node-side model into ${artifactDir}…`);
    await exportDemoModel(dataDir, artifactDir);
  }
  const server = await serveDemo(dataDir, artifactDir, Number(values.port));
  console.log(`browser demo at ${server.url}`);
}
