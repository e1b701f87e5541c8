/**
 * Scale-out as a team deploys it: a real PostgreSQL, two `maxella serve` replicas started together on
 * its fresh database (their migrations race), HAProxy in front with the sample `deploy/haproxy.cfg`,
 * and a retrain published by `maxella train` as its own process while a bounded load runs through the
 * balancer: both replicas switch to the new version, and no request fails.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, skipWithoutHaproxy, startHaproxy, type LoadBalancer } from './testing/cluster.ts';
import { quickArtifacts, tempDir, TEST_DATA, testDataset } from './testing/fixtures.ts';
import { startServerProcess, type ServerProcess } from './testing/server-process.ts';
import { skipWithoutPostgres, startPgTestServer, type PgTestServer } from './store/pg-test-server.ts';

const skip = skipWithoutPostgres() || skipWithoutHaproxy();
const ADMIN = 'replicas-test-admin';
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'maxella.js');
let pg: PgTestServer | undefined;
let dir: string;
let artifacts: string;
let firstVersion: string;
let replicas: ServerProcess[] = [];
let balancer: LoadBalancer | undefined;

before(async () => {
  if (skip) return;
  dir = tempDir('replicas');
  pg = await startPgTestServer();
  ({ artifacts, version: firstVersion } = await quickArtifacts(await testDataset()));
  const ports = [await freePort(), await freePort()];
  // Started together on an empty database: the schema migration runs under an advisory lock.
  replicas = await Promise.all(ports.map((port) => startServerProcess({
    db: pg!.url, artifacts, adminToken: ADMIN, port, timeoutMs: 120_000,
    extraArgs: ['--model-poll', '300', '--trust-proxy', '127.0.0.1', '--rate-limit', '1000000', '--write-rate-limit', '1000000'],
  })));
  balancer = await startHaproxy(dir, ports);
});
after(async () => {
  await balancer?.stop();
  await Promise.all(replicas.map((r) => r.kill()));
  pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (artifacts) rmSync(artifacts, { recursive: true, force: true });
});

async function call(base: string, path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(`${base}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: response.status, json: await response.json() };
}

test('both replicas start on one fresh database and serve the published version', { skip }, async () => {
  for (const replica of replicas) assert.equal((await call(replica.url, '/api/model')).json.version, firstVersion);
  const health = await call(balancer!.url, '/api/health');
  assert.equal(health.status, 200);
});

test('a user signed up and rating through one replica is read back through the other', { skip }, async () => {
  const [a, b] = replicas;
  const movies = (await call(a.url, '/api/movies?limit=3')).json.items;
  const created = await call(a.url, '/api/users', { method: 'POST', body: { name: 'Ana', ratings: [{ movieId: movies[0].id, rating: 5 }] } });
  assert.equal(created.status, 201);
  const { user, token } = created.json;
  assert.equal((await call(a.url, `/api/users/${user.id}/ratings`, { method: 'POST', body: { movieId: movies[1].id, rating: 3 }, token })).status, 201);
  const read = await call(b.url, `/api/users/${user.id}/ratings`);
  assert.deepEqual(read.json.items.map((r: { movie: { id: number } }) => r.movie.id).sort(), [movies[0].id, movies[1].id].sort());
  const recs = await call(b.url, `/api/users/${user.id}/recommendations?k=5`);
  assert.equal(recs.status, 200);
  assert.ok(!recs.json.items.some((r: { movie: { id: number } }) => r.movie.id === movies[0].id || r.movie.id === movies[1].id), 'the other replica excludes what was rated through the first');
});

test('sign-ups spread over both replicas get distinct ids and no errors', { skip }, async () => {
  const movie = (await call(balancer!.url, '/api/movies?limit=1')).json.items[0].id;
  const results = await Promise.all(Array.from({ length: 60 }, (_, i) =>
    call(balancer!.url, '/api/users', { method: 'POST', body: { name: `load ${i}`, ratings: [{ movieId: movie, rating: 4 }] } })));
  assert.deepEqual(results.filter((r) => r.status !== 201).map((r) => r.json), []);
  assert.equal(new Set(results.map((r) => r.json.user.id)).size, 60);
});

test('a retrain published by `maxella train` reaches both replicas under load with no failed request', { skip }, async () => {
  let stop = false;
  let served = 0;
  const failures: string[] = [];
  const worker = async (w: number) => {
    const paths = ['/api/users/1/recommendations?k=10', `/api/movies/${w + 1}/similar?k=5`, '/api/movies?limit=5', '/api/model'];
    for (let i = 0; !stop; i++) {
      const path = paths[i % paths.length];
      try {
        const response = await fetch(`${balancer!.url}${path}`);
        await response.arrayBuffer();
        if (response.status !== 200) failures.push(`${path}: ${response.status}`);
        else served++;
      } catch (error) {
        failures.push(`${path}: ${(error as Error).message}`);
      }
    }
  };
  const load = Promise.all([0, 1, 2, 3].map(worker));
  try {
    const trainOutput = await runTrain(['train', '--data', TEST_DATA, '--db', pg!.url, '--artifacts', artifacts, '--epochs', '1', '--batch-size', '1024']);
    const version = /maxella train: (\S+) in /.exec(trainOutput)?.[1];
    assert.ok(version && version !== firstVersion, trainOutput);
    const deadline = Date.now() + 15_000;
    let serving: string[] = [];
    while (Date.now() < deadline) {
      serving = await Promise.all(replicas.map(async (r) => (await call(r.url, '/api/model')).json.version as string));
      if (serving.every((v) => v === version)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(serving, [version, version], 'both replicas switch within seconds');
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    stop = true;
    await load;
  }
  assert.deepEqual(failures, []);
  assert.ok(served > 50, `the load ran through the switch (${served} requests)`);
});

function runTrain(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`maxella train exited with ${code}:\n${output}`))));
  });
}
