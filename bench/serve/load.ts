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
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../../src/serve/testing/server-process.ts';
import { benchRoot, ensureModel, getJson as json, measure as measureLoad } from './common.ts';
import { benchArgs, positive } from '../args.ts';

const args = benchArgs('serve', 'HTTP load test of maxella serve (autocannon): requests/s and p50/p99 per endpoint.', {
  data: { type: 'string', default: 'ml-100k', help: 'dataset (name, folder or synthetic:<release>:<ratings>)' },
  duration: { type: 'string', default: '10', help: 'seconds per scenario' },
  connections: { type: 'string', default: '16', help: 'concurrent connections' },
  'max-requests': { type: 'string', default: '200000', help: 'request cap per scenario' },
  json: { type: 'string', help: 'also write the results to this file' },
});
const duration = positive('duration', args.duration, false);
const connections = positive('connections', args.connections);
const maxRequests = positive('max-requests', args['max-requests']);
const root = benchRoot(args.data!);
const ADMIN = 'bench-admin-token';
const measure = (scenario: string, base: string, paths: string[]) => measureLoad(scenario, base, paths, { connections, duration, maxRequests });

const artifacts = await ensureModel(args.data!);
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
