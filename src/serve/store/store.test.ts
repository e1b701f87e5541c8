/** The store contract, run against SQLite and a real PostgreSQL server. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './open.ts';
import { numberPlaceholders } from './postgres.ts';
import { skipWithoutPostgres, startPgTestServer, type PgTestServer } from './pg-test-server.ts';
import { APP_USER_ID_BASE, type Store } from './types.ts';

/** The same checks for every implementation. */
function storeContract(open: () => Promise<Store>): void {
  let store: Store;
  before(async () => {
    store = await open();
  });
  after(async () => {
    await store.close();
  });

  test('migrations are applied once', async () => {
    assert.equal(await store.migrate(), 0, 'openStore already migrated; a second run applies nothing');
  });

  test('users get increasing ids from APP_USER_ID_BASE and keep their fields', async () => {
    const a = await store.createUser({ name: 'Ann', genres: [0, 7], tokenHash: 'h1' });
    const b = await store.createUser({ name: "O'Brien; DROP TABLE users", genres: [], tokenHash: 'h2' });
    assert.equal(a.id, APP_USER_ID_BASE);
    assert.equal(b.id, APP_USER_ID_BASE + 1);
    assert.deepEqual((await store.getUser(a.id))?.genres, [0, 7]);
    assert.equal((await store.getUser(b.id))?.name, "O'Brien; DROP TABLE users");
    assert.equal(await store.tokenHash(b.id), 'h2');
    assert.equal(await store.getUser(42), undefined);
    assert.equal(await store.countUsers(), 2);
    assert.deepEqual((await store.listUsers(1, 1)).map((u) => u.id), [b.id]);
  });

  test('a rating is upserted per (user, movie)', async () => {
    await store.putRating({ userId: 7, movieId: 50, rating: 4, ratedAt: '2026-01-01T00:00:00.000Z' });
    await store.putRating({ userId: 7, movieId: 51, rating: 2.5, ratedAt: '2026-01-01T00:00:01.000Z' });
    await store.putRating({ userId: 7, movieId: 50, rating: 5, ratedAt: '2026-01-01T00:00:02.000Z' });
    const ratings = await store.ratingsOf(7);
    assert.deepEqual(ratings.map((r) => [r.movieId, r.rating]), [[51, 2.5], [50, 5]]);
    assert.equal(await store.countRatings(), 2);
    assert.equal((await store.allRatings()).length, 2);
  });

  test('an out-of-range rating is refused by the schema itself', async () => {
    await assert.rejects(store.putRating({ userId: 7, movieId: 52, rating: 9, ratedAt: 'x' }));
  });

  test('exactly one model is active', async () => {
    const base = { path: '/m', dataset: 'ml-100k', metrics: { rmse: 0.93 } };
    await store.recordModel({ ...base, version: 'v1', trainedAt: '2026-01-01T00:00:00Z', active: true });
    await store.recordModel({ ...base, version: 'v2', trainedAt: '2026-01-02T00:00:00Z', active: true });
    assert.equal((await store.activeModel())?.version, 'v2');
    assert.deepEqual((await store.activeModel())?.metrics, { rmse: 0.93 });
    assert.deepEqual((await store.listModels()).map((m) => [m.version, m.active]), [['v2', true], ['v1', false]]);
  });
}

describe('SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maxella-sqlite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  storeContract(() => openStore(join(dir, 'test.db')));
});

describe('PostgreSQL store', { skip: skipWithoutPostgres() }, () => {
  let server: PgTestServer | undefined;
  after(() => server?.stop());
  storeContract(async () => {
    server = await startPgTestServer();
    return openStore(server.url);
  });
});

test('placeholders are numbered for PostgreSQL', () => {
  assert.equal(numberPlaceholders('SELECT ? , ?'), 'SELECT $1 , $2');
});
