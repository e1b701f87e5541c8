/**
 * Scale-out benchmark: the app on one PostgreSQL behind HAProxy (deploy/haproxy.cfg), with one replica
 * and with two, measured A B A B … (repeats interleaved, so a change of machine load hits both), and
 * printed as requests/s and p99 per repeat with min / median / max of each. The scenario is a
 * recommendation request for a known user, the app's main read.
 *
 *   node --import tsx bench/serve/replicas.ts [--data ml-100k] [--duration 8] [--repeats 3] [--connections 32]
 *
 * Needs Debian's postgresql and haproxy. On a 2-core machine the load generator, HAProxy and the
 * replicas share the cores, so the second replica can add little; the table shows what it adds here.
 */
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { freePort, startHaproxy, type LoadBalancer } from '../../src/serve/testing/cluster.ts';
import { tempDir } from '../../src/serve/testing/fixtures.ts';
import { startServerProcess, type ServerProcess } from '../../src/serve/testing/server-process.ts';
import { startPgTestServer } from '../../src/serve/store/pg-test-server.ts';
import { ensureModel, getJson, measure, type LoadRow } from './common.ts';
import { benchArgs, positive } from '../args.ts';

const args = benchArgs('replicas', 'One replica vs two behind HAProxy on PostgreSQL, interleaved repeats: requests/s and p99.', {
  data: { type: 'string', default: 'ml-100k', help: 'dataset the model is trained on' },
  duration: { type: 'string', default: '8', help: 'seconds per measurement' },
  repeats: { type: 'string', default: '3', help: 'interleaved repeats' },
  connections: { type: 'string', default: '32', help: 'concurrent connections' },
});
const load = { connections: positive('connections', args.connections), duration: positive('duration', args.duration, false), maxRequests: 1_000_000 };
const repeats = positive('repeats', args.repeats);

const artifacts = await ensureModel(args.data!);
const pg = await startPgTestServer();
const dir = tempDir('bench-replicas');
const replicas: ServerProcess[] = [];
const balancers: LoadBalancer[] = [];
try {
  const ports = [await freePort(), await freePort()];
  for (const port of ports) {
    replicas.push(await startServerProcess({
      db: pg.url, artifacts, adminToken: 'bench-admin', data: args.data, port, timeoutMs: 300_000,
      extraArgs: ['--trust-proxy', '127.0.0.1', '--rate-limit', '100000000'],
    }));
  }
  const one = await startHaproxy(join(dir, 'one'), ports.slice(0, 1));
  const two = await startHaproxy(join(dir, 'two'), ports);
  balancers.push(one, two);
  const users = (await getJson(`${one.url}/api/users?limit=100`)).items.map((u: { id: number }) => u.id);
  const paths = users.map((u: number) => `/api/users/${u}/recommendations?k=10`);
  await measure('warm-up 1 (not reported)', one.url, paths, { ...load, duration: 3 });
  await measure('warm-up 2 (not reported)', two.url, paths, { ...load, duration: 3 });
  const rows: { one: LoadRow; two: LoadRow; load: number }[] = [];
  for (let r = 0; r < repeats; r++) {
    const a = await measure(`repeat ${r + 1}: 1 replica`, one.url, paths, load);
    const b = await measure(`repeat ${r + 1}: 2 replicas`, two.url, paths, load);
    rows.push({ one: a, two: b, load: loadavg()[0] });
  }
  const spread = (values: number[]) => {
    const s = [...values].sort((x, y) => x - y);
    return `${s[0]} / ${s[Math.floor(s.length / 2)]} / ${s[s.length - 1]}`;
  };
  console.log(`\n${args.data}, GET /api/users/:id/recommendations?k=10 through HAProxy, ${load.connections} connections, ${load.duration} s per run, ${repeats} interleaved repeats, ${cpus().length} CPUs shared by load generator, HAProxy, replicas and PostgreSQL\n`);
  console.log('| repeat | 1 replica req/s | p99 ms | 2 replicas req/s | p99 ms | ratio | errors | load avg |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  rows.forEach((r, i) => console.log(`| ${i + 1} | ${r.one.requestsPerSecond} | ${r.one.p99Ms} | ${r.two.requestsPerSecond} | ${r.two.p99Ms} | ${(r.two.requestsPerSecond / r.one.requestsPerSecond).toFixed(2)} | ${r.one.errors + r.two.errors} | ${r.load.toFixed(1)} |`));
  console.log(`| min / median / max | ${spread(rows.map((r) => r.one.requestsPerSecond))} | ${spread(rows.map((r) => r.one.p99Ms))} | ${spread(rows.map((r) => r.two.requestsPerSecond))} | ${spread(rows.map((r) => r.two.p99Ms))} | ${spread(rows.map((r) => Number((r.two.requestsPerSecond / r.one.requestsPerSecond).toFixed(2))))} | | |`);
} finally {
  await Promise.all(balancers.map((b) => b.stop()));
  await Promise.all(replicas.map((r) => r.kill()));
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
