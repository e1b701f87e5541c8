/** The store contract, run against SQLite and a real PostgreSQL server. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { MIGRATIONS, MIGRATIONS_TABLE, migrationSql, type Dialect } from './migrations.ts';
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

  test('sign-ups at once all get distinct, increasing ids from the database', async () => {
    const users = await Promise.all(Array.from({ length: 40 }, (_, i) => store.createUser({ name: `u${i}`, genres: [], tokenHash: `t${i}` })));
    const ids = users.map((u) => u.id).sort((a, b) => a - b);
    assert.equal(new Set(ids).size, 40);
    assert.ok(ids[0] > APP_USER_ID_BASE + 1, 'ids continue after the existing users');
    assert.equal(await store.countUsers(), 42);
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

/** The schema as it was before migration 4 (ids chosen by the app), with two users, written by `exec`. */
async function legacySchema(exec: (sql: string) => Promise<void>, dialect: Dialect): Promise<void> {
  await exec(MIGRATIONS_TABLE);
  for (const m of MIGRATIONS.filter((m) => m.version <= 3)) {
    for (const sql of migrationSql(m, dialect)) await exec(sql);
    await exec(`INSERT INTO schema_migrations VALUES (${m.version}, '${m.name}', 'then')`);
  }
  await exec(`INSERT INTO users VALUES (${APP_USER_ID_BASE}, 'a', '[]', 'h', 'then'), (${APP_USER_ID_BASE + 5}, 'b', '[]', 'h', 'then')`);
}

/** A database made before migration 4 keeps its users, and new ids continue after the largest. */
async function checkUpgrade(store: Store): Promise<void> {
  try {
    assert.deepEqual((await store.listUsers(10, 0)).map((u) => u.id), [APP_USER_ID_BASE, APP_USER_ID_BASE + 5]);
    assert.equal((await store.createUser({ name: 'c', genres: [], tokenHash: 'h' })).id, APP_USER_ID_BASE + 6);
  } finally {
    await store.close();
  }
}

describe('SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maxella-sqlite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  storeContract(() => openStore(join(dir, 'test.db')));

  test('an older database is upgraded in place', async () => {
    const file = join(dir, 'legacy.db');
    const db = new Database(file);
    await legacySchema(async (sql) => void db.exec(sql), 'sqlite');
    db.close();
    await checkUpgrade(await openStore(file));
  });
});

describe('PostgreSQL store', { skip: skipWithoutPostgres() }, () => {
  let server: PgTestServer | undefined;
  after(() => server?.stop());
  storeContract(async () => {
    server = await startPgTestServer();
    return openStore(server.url);
  });

  /** A new, empty database on the test server; its URL. */
  async function freshDatabase(name: string, setup?: (exec: (sql: string) => Promise<void>) => Promise<void>): Promise<string> {
    const admin = new pg.Client(server!.url);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = server!.url.replace(/\/postgres$/, `/${name}`);
    if (setup) {
      const client = new pg.Client(url);
      await client.connect();
      await setup(async (sql) => void (await client.query(sql)));
      await client.end();
    }
    return url;
  }

  test('replicas migrating a fresh database at once all come up, each step applied once', async () => {
    const url = await freshDatabase('race');
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(url)));
    try {
      const users = await Promise.all(stores.map((s, i) => s.createUser({ name: `r${i}`, genres: [], tokenHash: 'h' })));
      assert.equal(new Set(users.map((u) => u.id)).size, 4);
      assert.equal(await stores[0].countUsers(), 4);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  test('an older database is upgraded in place', async () => {
    await checkUpgrade(await openStore(await freshDatabase('legacy', (exec) => legacySchema(exec, 'postgres'))));
  });
});

test('placeholders are numbered for PostgreSQL', () => {
  assert.equal(numberPlaceholders('SELECT ? , ?'), 'SELECT $1 , $2');
});
