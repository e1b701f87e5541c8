/**
 * Load benchmark of the served app: `maxella serve` on the ML-100K model in its own process, driven
 * by autocannon on localhost, each scenario bounded in time and request count. Reports requests/s
 * and p50/p99 latency for recommendations (trained users and folded-in users), next to a static
 * endpoint of the same server (/api/health) as the ceiling, and a movie page and a search.
 *
 *   node --import tsx bench/serve/load.ts [--data ml-100k] [--duration 10] [--connections 16] [--json out.json]
 *
 * The model is trained once (TFRS-tutorial defaults) into /tmp/maxella-bench/models and reused.
 */
import autocannon from 'autocannon';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDataset } from '../../src/data/source.ts';
import { currentVersion, saveAppModels, setCurrentVersion } from '../../src/serve/model/artifact.ts';
import { trainAppModels } from '../../src/serve/model/train.ts';
import { terminalProgress } from '../../src/serve/progress.ts';
import { startServerProcess } from '../../src/serve/testing/server-process.ts';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: 'ml-100k' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    'max-requests': { type: 'string', default: '200000' },
    json: { type: 'string' },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const maxRequests = Number(args['max-requests']);
const root = join('/tmp', 'maxella-bench', args.data!.replace(/[^\w.-]/g, '_'));
const artifacts = join(root, 'models');
const ADMIN = 'bench-admin-token';

/** One measured scenario. */
interface Row {
  scenario: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

async function ensureModel(): Promise<void> {
  if (await currentVersion(artifacts)) return;
  const ds = await loadDataset(args.data!);
  console.log(`bench: training the default models on ${ds.name} once (${ds.ratings.length} ratings)`);
  const progress = terminalProgress('training');
  const trained = await trainAppModels(ds, {}, progress.onProgress);
  progress.stop();
  const { manifest } = await saveAppModels(artifacts, ds, trained);
  await setCurrentVersion(artifacts, manifest.version);
}

async function json(url: string, init?: RequestInit): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** Runs autocannon over `paths` (cycled) and summarises. */
async function measure(scenario: string, base: string, paths: string[]): Promise<Row> {
  const result = await autocannon({
    url: base, connections, duration, maxOverallRequests: maxRequests,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
  const row = {
    scenario, requests: result.requests.total, requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors + result.non2xx,
  };
  console.log(`bench: ${scenario}: ${row.requestsPerSecond} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.errors} errors`);
  return row;
}

await ensureModel();
mkdirSync(root, { recursive: true });
const db = join(root, 'bench.db');
for (const suffix of ['', '-wal', '-shm']) if (existsSync(db + suffix)) rmSync(db + suffix);
const server = await startServerProcess({ db, artifacts, adminToken: ADMIN, data: args.data, extraArgs: ['--rate-limit', '100000000'], timeoutMs: 120_000 });
try {
  const base = server.url;
  const users = (await json(`${base}/api/users?limit=100`)).items.map((u: { id: number }) => u.id);
  const movies = (await json(`${base}/api/movies?limit=100`)).items.map((m: { id: number }) => m.id);
  const newUsers: number[] = [];
  for (let i = 0; i < 20; i++) {
    const ratings = movies.slice(i * 3, i * 3 + 10).map((movieId: number, j: number) => ({ movieId, rating: 1 + ((i + j) % 5) }));
    const created = await json(`${base}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ name: `bench ${i}`, ratings }) });
    newUsers.push(created.user.id);
  }
  const recommendations = (ids: number[]) => ids.map((u) => `/api/users/${u}/recommendations?k=10`);
  await measure('warm-up (not reported)', base, recommendations(users));
  const rows = [
    await measure('GET /api/health (static ceiling)', base, ['/api/health']),
    await measure('GET /api/users/:id/recommendations (trained users)', base, recommendations(users)),
    await measure('GET /api/users/:id/recommendations (folded-in new users)', base, recommendations(newUsers)),
    await measure('GET /api/movies/:id (movie page + similar)', base, movies.map((m: number) => `/api/movies/${m}`)),
    await measure('GET /api/movies?q= (fuzzy search)', base, ['star wras', 'godfathr', 'toy', 'incredibl', 'the'].map((q) => `/api/movies?q=${encodeURIComponent(q)}`)),
  ];
  console.log(`\n${args.data}, ${connections} connections, ${duration} s per scenario, ${cpus().length} CPUs (load generator and server share them)\n`);
  console.log('| scenario | requests | req/s | p50 ms | p99 ms | errors |\n| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.scenario} | ${r.requests} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} |`);
  if (args.json) writeFileSync(args.json, JSON.stringify({ data: args.data, connections, duration, rows }, null, 2));
} finally {
  await server.kill();
}
