/**
 * The app as a real process: an accepted rating survives SIGKILL, and a background retraining swaps
 * a new model in while requests keep being served.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { quickArtifacts, tempDir, testDataset } from './testing/fixtures.ts';
import { startServerProcess, type ServerProcess } from './testing/server-process.ts';

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

test('a rating accepted just before a SIGKILL is there after a restart', async () => {
  const db = join(dir, 'app.db');
  server = await startServerProcess({ db, artifacts, adminToken: ADMIN });
  assert.equal((await call('/api/model')).json.version, trainedVersion, 'the saved model is served, not retrained');
  const movies = (await call('/api/movies?limit=2')).json.items;
  const created = await call('/api/users', { method: 'POST', body: { name: 'Kim', ratings: [{ movieId: movies[0].id, rating: 4 }] } });
  assert.equal(created.status, 201);
  const { user, token } = created.json;
  const rated = await call(`/api/users/${user.id}/ratings`, { method: 'POST', body: { movieId: movies[1].id, rating: 2.5 }, token });
  assert.equal(rated.status, 201);
  await server.kill();

  server = await startServerProcess({ db, artifacts, adminToken: ADMIN });
  const ratings = (await call(`/api/users/${user.id}/ratings`)).json.items;
  assert.deepEqual(ratings.map((r: { movie: { id: number }; rating: number }) => [r.movie.id, r.rating]), [[movies[0].id, 4], [movies[1].id, 2.5]]);
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
