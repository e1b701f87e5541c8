/**
 * A bounded fuzz test of every operation in the OpenAPI document: path parameters, query strings,
 * bodies and tokens drawn from valid values, near misses and hostile text. No request may answer 5xx
 * or leave the error shape, and the store ends holding exactly the writes that were acknowledged.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { startApp, type RunningApp } from '../app.ts';
import { skipWithoutPostgres, startPgTestServer } from '../store/pg-test-server.ts';
import { quickArtifacts, tempDir, TEST_DATA, testDataset } from '../testing/fixtures.ts';

const ADMIN = 'fuzz-admin-token';
const RUNS = 2500;
let dir: string;
let artifacts: string;

before(async () => {
  dir = tempDir('fuzz');
  ({ artifacts } = await quickArtifacts(await testDataset()));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(artifacts, { recursive: true, force: true });
});

/** The app on a fresh, empty store `db`. */
function appOn(db: string): Promise<RunningApp> {
  return startApp({ data: TEST_DATA, db, artifacts, port: 0, host: '127.0.0.1', adminToken: ADMIN, rateLimit: 1e9, writeRateLimit: 1e9, log: () => {} });
}

/** `encodeURIComponent`, except that a lone surrogate (which it refuses) goes as the raw bytes a client could send. */
function encodePathSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

interface Operation { method: string; path: string; params: string[]; query: string[]; hasBody: boolean }

/** The operations of the OpenAPI document. */
function operations(doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(), path,
    params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    hasBody: op.requestBody !== undefined,
  })));
}

const hostileText = fc.oneof(
  { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.constantFrom('0x10', '1e1', '+16', '016', '-1', '0', '1.5', 'NaN', 'Infinity', '99999999999999999999', '%00', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '\u0000', 'a\u0000b', 'line\nbreak', '\u202egnp.exe', '\ud800', 'Drama', 'top-rated', 'app', 'movielens', ''), weight: 3 },
);

test(`${RUNS} fuzzed requests over every OpenAPI operation on SQLite: no 5xx, one error shape, only acknowledged writes stored`, async () => {
  const app = await appOn(join(dir, 'app.db'));
  try {
    await fuzz(app, RUNS);
  } finally {
    await app.close();
  }
});

test(`${RUNS} fuzzed requests over every OpenAPI operation on PostgreSQL: the same`, { skip: skipWithoutPostgres() }, async () => {
  const pg = await startPgTestServer();
  const app = await appOn(pg.url);
  try {
    await fuzz(app, RUNS);
  } finally {
    await app.close();
    pg.stop();
  }
});

async function fuzz(app: RunningApp, runs: number): Promise<void> {
  const ops = operations(app.server.swagger() as never);
  assert.ok(ops.length >= 12, `the document lists the operations (${ops.length})`);
  const { catalog } = app.context;
  const userIds = Array.from(catalog.dataset.users.id.subarray(0, 20));
  const movieIds = Array.from(catalog.popularRows.subarray(0, 30), (row) => catalog.movieId(row));
  const created: { id: number; token: string }[] = [];
  // SELF: the app user created last (their token is the 'user' token).
  const id = fc.oneof(fc.constant('SELF'), fc.constantFrom(...userIds, ...movieIds), fc.integer({ min: -5, max: 3_000_000 }).map(String), hostileText);
  const rating = fc.oneof(fc.constantFrom(0.5, 1, 3.5, 5), fc.double(), fc.constant(null), fc.string({ maxLength: 5 }));
  const ratingBody = fc.record({ movieId: fc.oneof(fc.constantFrom(...movieIds), fc.integer()), rating }, { requiredKeys: [] });
  const validRating = fc.record({ movieId: fc.constantFrom(...movieIds), rating: fc.constantFrom(0.5, 1, 2, 3.5, 4, 5) });
  const body = fc.oneof(
    validRating,
    // Valid but for (at most) the name, so a bad name reaches the store rather than stopping at another field.
    fc.record({ name: fc.oneof(fc.constantFrom('Ann', 'Bo Li', 'Zoë'), hostileText), ratings: fc.array(validRating, { maxLength: 4 }) }),
    fc.record({ name: hostileText }),
    ratingBody,
    fc.record({ name: hostileText, genres: fc.array(fc.oneof(fc.constantFrom('Drama', 'Comedy'), fc.string()), { maxLength: 3 }), ratings: fc.array(ratingBody, { maxLength: 4 }) }, { requiredKeys: [] }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const acknowledged = new Map<string, number>();
  let users = 0;
  const statuses: Record<number, number> = {};

  await fc.assert(fc.asyncProperty(
    // Writes drawn more often: they are where a store can be hurt.
    fc.oneof({ arbitrary: fc.constantFrom(...ops), weight: 2 }, { arbitrary: fc.constantFrom(...ops.filter((o) => o.method === 'POST')), weight: 1 }), fc.array(id, { minLength: 1, maxLength: 2 }), fc.dictionary(fc.oneof(fc.constantFrom('q', 'k', 'limit', 'offset', 'genre', 'genres', 'kind', 'sort', 'year'), fc.string({ maxLength: 8 })), hostileText, { maxKeys: 3 }),
    fc.option(body, { nil: undefined }), fc.constantFrom('none', 'admin', 'user', 'wrong'),
    async (op, ids, query, payload, auth) => {
      let i = 0;
      const self = created[created.length - 1]?.id ?? 1;
      const url = op.path.replace(/\{[^}]+\}/g, () => {
        const value = ids[i++ % ids.length];
        return encodePathSegment(String(value === 'SELF' ? self : value));
      });
      const search = new URLSearchParams(query as Record<string, string>).toString();
      const headers: Record<string, string> = {};
      const user = created[created.length - 1];
      // Retraining would start a child process per case; the fuzz keeps to its validation.
      if (auth === 'admin' && op.path !== '/api/admin/retrain') headers.authorization = `Bearer ${ADMIN}`;
      if (auth === 'user' && user) headers.authorization = `Bearer ${user.token}`;
      if (auth === 'wrong') headers.authorization = 'Bearer not-a-token';
      const reply = await app.server.inject({ method: op.method as 'GET', url: search ? `${url}?${search}` : url, headers, payload: op.method === 'POST' ? (payload as object) : undefined });
      statuses[reply.statusCode] = (statuses[reply.statusCode] ?? 0) + 1;
      assert.ok(reply.statusCode < 500, `${op.method} ${url}?${search} → ${reply.statusCode} ${reply.body}`);
      if (reply.statusCode >= 400) {
        const error = reply.json().error;
        assert.ok(typeof error?.code === 'string' && typeof error?.message === 'string', `error shape: ${reply.body}`);
      }
      if (reply.statusCode === 201 && op.path === '/api/users') {
        const { user: made, token } = reply.json();
        created.push({ id: made.id, token });
        users++;
        for (const r of (payload as { ratings?: { movieId: number; rating: number }[] }).ratings ?? []) acknowledged.set(`${made.id}:${r.movieId}`, r.rating);
      }
      if (reply.statusCode === 201 && op.path === '/api/users/{userId}/ratings') {
        const r = reply.json();
        acknowledged.set(`${r.userId}:${r.movieId}`, r.rating);
      }
    },
  ), { numRuns: runs, seed: 20261204 });

  const store = app.context.store;
  assert.equal(await store.countUsers(), users, 'users: exactly those acknowledged');
  const stored = await store.allRatings();
  assert.equal(stored.length, acknowledged.size, 'ratings: exactly those acknowledged');
  for (const r of stored) assert.equal(acknowledged.get(`${r.userId}:${r.movieId}`), r.rating, `rating ${r.userId}:${r.movieId}`);
  assert.ok(users > 10 && acknowledged.size > 10 && statuses[200] > 100 && statuses[400] > 100 && statuses[404] > 10, `the cases reach past validation: ${JSON.stringify(statuses)}, ${users} users, ${acknowledged.size} ratings`);
}
