/**
 * The app as a real process: an accepted rating survives SIGKILL, and a background retraining swaps
 * a new model in while requests keep being served.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { quickArtifacts, tempDir, testDataset } from './testing/fixtures.ts';
import { startServerProcess, type ServerProcess } from './testing/server-process.ts';
import { skipWithoutPostgres, startPgTestServer } from './store/pg-test-server.ts';

const ADMIN = 'process-test-admin';
let dir: string;
let artifacts: string;
let trainedVersion: string;
let server: ServerProcess | undefined;

before(async () => {
  dir = tempDir('process');
  ({ artifacts, version: trainedVersion } = await quickArtifacts(await testDataset()));
});
after(async () => {
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
  rmSync(artifacts, { recursive: true, force: true });
});

async function call(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(`${server!.url}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: response.status, json: await response.json() };
}

/** Ratings written by 4 clients until a SIGKILL lands mid-stream: every acknowledged one must survive. */
async function killDuringWrites(db: string): Promise<void> {
  server = await startServerProcess({ db, artifacts, adminToken: ADMIN, extraArgs: ['--write-rate-limit', '1000000', '--rate-limit', '1000000'] });
  assert.equal((await call('/api/model')).json.version, trainedVersion, 'the saved model is served, not retrained');
  const movies = (await call('/api/movies?limit=100')).json.items.map((m: { id: number }) => m.id);
  const created = await call('/api/users', { method: 'POST', body: { name: 'Kim', ratings: [{ movieId: movies[0], rating: 4 }] } });
  assert.equal(created.status, 201);
  const { user, token } = created.json;
  const acknowledged = new Map<number, number>([[movies[0], 4]]);
  let killed = false;
  // Each client writes its own 25 movies one request at a time, so per movie at most one write is in flight.
  const inFlight = new Map<number, number>();
  const writer = async (w: number) => {
    for (let i = 0; !killed; i++) {
      const movieId = movies[1 + w * 24 + (i % 24)];
      const rating = 0.5 + ((w + i) % 10) / 2;
      inFlight.set(movieId, rating);
      try {
        const reply = await call(`/api/users/${user.id}/ratings`, { method: 'POST', body: { movieId, rating }, token });
        if (reply.status === 201) acknowledged.set(movieId, rating);
      } catch {
        return; // the connection died with the server: this write was never acknowledged
      }
    }
  };
  const writers = Promise.all([0, 1, 2, 3].map(writer));
  await new Promise((r) => setTimeout(r, 1500));
  killed = true;
  await server.kill();
  await writers;
  assert.ok(acknowledged.size > 20, `writes were acknowledged before the kill (${acknowledged.size})`);

  server = await startServerProcess({ db, artifacts, adminToken: ADMIN });
  const stored = new Map<number, number>((await call(`/api/users/${user.id}/ratings?limit=100`)).json.items.map((r: { movie: { id: number }; rating: number }) => [r.movie.id, r.rating]));
  for (const [movieId, rating] of acknowledged) {
    // The one write in flight at the kill may have landed after the last acknowledged one.
    assert.ok([rating, inFlight.get(movieId)].includes(stored.get(movieId)), `movie ${movieId}: acknowledged ${rating}, stored ${stored.get(movieId)}`);
  }
}

test('ratings acknowledged until a SIGKILL are all there after a restart (SQLite)', async () => {
  await killDuringWrites(join(dir, 'app.db'));
});

test('ratings acknowledged until a SIGKILL are all there after a restart (PostgreSQL)', { skip: skipWithoutPostgres() }, async () => {
  const pg = await startPgTestServer();
  const sqliteServer = server;
  try {
    await killDuringWrites(pg.url);
  } finally {
    await server?.kill();
    server = sqliteServer;
    pg.stop();
  }
});

test('retraining runs in the background and the new model is swapped in', async () => {
  const before = (await call('/api/model')).json.version;
  const started = await call('/api/admin/retrain', { method: 'POST', token: ADMIN });
  assert.equal(started.status, 202);
  assert.equal(started.json.state, 'running');
  assert.equal((await call('/api/admin/retrain', { method: 'POST', token: ADMIN })).status, 409, 'one run at a time');
  let status = started.json;
  const deadline = Date.now() + 90_000;
  while (status.state === 'running' && Date.now() < deadline) {
    const recs = await call('/api/users/1/recommendations?k=3');
    assert.equal(recs.status, 200, 'serving continues while training');
    await new Promise((r) => setTimeout(r, 300));
    status = (await call('/api/admin/retrain')).json;
  }
  assert.equal(status.state, 'done', status.message);
  const model = (await call('/api/model')).json;
  assert.notEqual(model.version, before);
  assert.equal(model.version, status.version);
  assert.equal(model.history.filter((m: { active: boolean }) => m.active).length, 1);
  assert.equal((await call('/api/users/1/recommendations?k=3')).json.modelVersion, model.version);
});

test('a retraining worker stops when its server is killed', async () => {
  const started = await call('/api/admin/retrain', { method: 'POST', token: ADMIN });
  assert.equal(started.status, 202);
  const parent = server!.child.pid!;
  let workers: number[] = [];
  for (const deadline = Date.now() + 10_000; !workers.length && Date.now() < deadline;) {
    workers = childPids(parent);
    if (!workers.length) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(workers.length, 'the retraining runs in a child process');
  await server!.kill();
  const deadline = Date.now() + 10_000;
  while (workers.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(workers.filter(alive), [], 'no worker outlives the server');
});

function childPids(pid: number): number[] {
  const result = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
