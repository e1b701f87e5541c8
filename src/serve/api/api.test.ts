/** The JSON API on real (quickly trained) models: validation, errors, tokens, onboarding, fold-in, the UI files. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../app.ts';
import { quickArtifacts, tempDir, TEST_DATA, testDataset } from '../testing/fixtures.ts';
import { buildServer } from './server.ts';

let app: RunningApp;
let dir: string;
let artifacts: string;
const ADMIN = 'test-admin-token';

before(async () => {
  dir = tempDir('api');
  ({ artifacts } = await quickArtifacts(await testDataset()));
  app = await startApp({ data: TEST_DATA, db: join(dir, 'app.db'), artifacts, port: 0, host: '127.0.0.1', adminToken: ADMIN, log: () => {} });
});
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(artifacts, { recursive: true, force: true });
});

type Reply = { statusCode: number; json: () => any; headers: Record<string, unknown>; body: string }; // eslint-disable-line @typescript-eslint/no-explicit-any
const get = (url: string): Promise<Reply> => app.server.inject({ method: 'GET', url });
const post = (url: string, payload: unknown, token?: string): Promise<Reply> =>
  app.server.inject({ method: 'POST', url, payload: payload as object, headers: token ? { authorization: `Bearer ${token}` } : {} });

/** Asserts an error reply: status, JSON shape, and a message containing `fragment`. */
function assertError(reply: Reply, status: number, fragment: string | RegExp): void {
  assert.equal(reply.statusCode, status, reply.body);
  const { error } = reply.json();
  assert.equal(typeof error.code, 'string');
  assert.match(error.message, typeof fragment === 'string' ? new RegExp(fragment.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')) : fragment);
}

const someMovieId = () => app.context.catalog.movieId(app.context.catalog.popularRows[0]);

describe('reading', () => {
  test('health, model info, metrics', async () => {
    assert.equal((await get('/api/health')).json().status, 'ok');
    const model = (await get('/api/model')).json();
    assert.ok(model.version && model.trainedAt && typeof model.metrics.topk_ndcg10 === 'number' && typeof model.metrics.popular_ndcg10 === 'number');
    assert.deepEqual(Object.keys(model.online), ['ratings', 'inLastTop10', 'afterAList']);
    assert.equal(model.candidateIndex.kind, 'brute-force');
    assert.ok((await get('/api/metrics')).json().routes['GET /api/health'].count >= 1);
  });

  test('search, movie page, similar movies', async () => {
    const { titles } = app.context.catalog;
    const row = titles.findIndex((t) => t.length > 10 && titles.indexOf(t) === titles.lastIndexOf(t));
    const found = (await get(`/api/movies?q=${encodeURIComponent(titles[row])}&limit=5`)).json();
    assert.equal(found.items[0].id, app.context.catalog.movieId(row));
    const movie = (await get(`/api/movies/${someMovieId()}`)).json();
    assert.equal(movie.histogram.length, 5);
    assert.equal(movie.histogram.reduce((a: number, b: number) => a + b, 0), movie.ratingCount);
    assert.equal((await get(`/api/movies/${someMovieId()}/similar?k=3`)).json().items.length, 3);
    const top = (await get('/api/movies?sort=top-rated&limit=3')).json().items;
    assert.ok(top[0].meanRating >= top[2].meanRating - 0.5);
  });

  test('a MovieLens user gets recommendations from the trained vectors', async () => {
    const userId = app.context.catalog.dataset.users.id[3];
    const recs = (await get(`/api/users/${userId}/recommendations?k=7`)).json();
    assert.equal(recs.strategy, 'trained');
    assert.equal(recs.items.length, 7);
    assert.ok(recs.items.every((i: { reasons: unknown[] }) => Array.isArray(i.reasons)));
  });

  test('the OpenAPI document lists the routes', async () => {
    const doc = (await get('/openapi.json')).json();
    assert.equal(doc.openapi.slice(0, 2), '3.');
    for (const path of ['/api/movies', '/api/users/{userId}/recommendations', '/api/users/{userId}/ratings', '/api/admin/retrain']) assert.ok(doc.paths[path], path);
  });

  test('the UI is served with a Content-Security-Policy, and only its own files', async () => {
    const page = await get('/');
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    assert.match(page.body, /<main id="app">/);
    assert.match(String((await get('/ui/app.js')).headers['content-type']), /javascript/);
    assert.equal((await get('/ui/../../package.json')).statusCode, 404);
    assert.equal((await get('/ui/%2e%2e/app.ts')).statusCode, 404);
  });
});

describe('bad input', () => {
  test('unknown ids are 404 with a JSON error', async () => {
    assertError(await get('/api/movies/999999'), 404, 'movie 999999 does not exist');
    assertError(await get('/api/users/999999/recommendations'), 404, 'user 999999 does not exist');
    assertError(await get('/api/nothing-here'), 404, 'no route GET /api/nothing-here');
  });

  test('hostile query strings and path parameters name the field', async () => {
    assertError(await get('/api/movies/99999999999999999999'), 400, 'params/movieId must be <=');
    assertError(await get('/api/movies/abc'), 400, 'params/movieId must be a whole number in plain decimal');
    assertError(await get('/api/movies?limit=100000'), 400, 'querystring/limit must be <= 100');
    assertError(await get('/api/movies?limit=NaN'), 400, 'querystring/limit must be a whole number in plain decimal');
    assertError(await get(`/api/movies?q=${'x'.repeat(5000)}`), 400, 'querystring/q must NOT have more than 100 characters');
    assertError(await get('/api/movies?genre=Nope'), 400, 'querystring/genre must be one of');
    assertError(await get('/api/movies?sneaky=1'), 400, 'querystring has unknown field "sneaky"');
  });

  test('hostile bodies name the field', async () => {
    const url = `/api/users/${app.context.catalog.dataset.users.id[0]}/ratings`;
    const movieId = someMovieId();
    assertError(await post(url, { movieId, rating: '5' }, ADMIN), 400, 'body/rating must be number');
    assertError(await post(url, { movieId, rating: 7 }, ADMIN), 400, 'body/rating must be <= 5');
    assertError(await post(url, { movieId, rating: 3.3 }, ADMIN), 400, 'body/rating must be multiple of 0.5');
    assertError(await post(url, { movieId: 1e300, rating: 3 }, ADMIN), 400, 'body/movieId must be <=');
    assertError(await post(url, { movieId }, ADMIN), 400, 'body/rating is required');
    assertError(await post(url, { movieId, rating: 3, extra: 1 }, ADMIN), 400, 'body has unknown field "extra"');
    assertError(await post(url, { movieId: 999999, rating: 3 }, ADMIN), 404, 'movie 999999 does not exist');
    const raw = await app.server.inject({ method: 'POST', url, payload: '{"movieId": 1, "rating": NaN}', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
    assertError(raw, 400, /JSON/);
    const huge = await app.server.inject({ method: 'POST', url: '/api/users', payload: { name: 'x'.repeat(20_000) } });
    assertError(huge, 413, /body/i);
    const text = await app.server.inject({ method: 'POST', url: '/api/users', payload: '<name>x</name>', headers: { 'content-type': 'application/xml' } });
    assertError(text, 415, /Unsupported Media Type/i);
    assertError(await post('/api/users', { name: 'x'.repeat(41) }), 400, 'body/name must NOT have more than 40 characters');
    assertError(await post('/api/users', { name: 'Ann', genres: ['Nope'] }), 400, 'body/genres/0 must be one of');
  });
});

describe('writes and fold-in', () => {
  test('writes need a valid token', async () => {
    const url = `/api/users/${app.context.catalog.dataset.users.id[0]}/ratings`;
    assertError(await post(url, { movieId: someMovieId(), rating: 4 }), 401, 'missing "Authorization: Bearer <token>"');
    assertError(await post(url, { movieId: someMovieId(), rating: 4 }, 'wrong'), 403, 'not valid for user');
    assertError(await post('/api/admin/retrain', {}, 'wrong'), 403, 'admin token');
    assert.equal((await post(url, { movieId: someMovieId(), rating: 4 }, ADMIN)).statusCode, 201);
  });

  test('onboarding gives a token and recommendations at once; each rating changes them', async () => {
    const rows = Array.from(app.context.catalog.popularRows.subarray(0, 4));
    const ratings = rows.map((row, i) => ({ movieId: app.context.catalog.movieId(row), rating: i < 2 ? 5 : 2 }));
    const created = await post('/api/users', { name: 'Ann', genres: ['Drama', 'Comedy'], ratings });
    assert.equal(created.statusCode, 201, created.body);
    const { user, token, recommendations } = created.json();
    assert.equal(user.kind, 'app');
    assert.deepEqual(user.genres, ['Drama', 'Comedy']);
    assert.equal(recommendations.strategy, 'fold-in');
    const rated = new Set(ratings.map((r) => r.movieId));
    assert.ok(recommendations.items.every((i: { movie: { id: number } }) => !rated.has(i.movie.id)));

    const first = recommendations.items[0].movie.id;
    const online = (await get('/api/model')).json().online;
    assert.equal((await post(`/api/users/${user.id}/ratings`, { movieId: first, rating: 1 }, token)).statusCode, 201);
    const now = (await get('/api/model')).json().online;
    assert.deepEqual([now.ratings - online.ratings, now.inLastTop10 - online.inLastTop10], [1, 1], 'the online measure counts a rating of a served movie');
    const next = (await get(`/api/users/${user.id}/recommendations`)).json();
    assert.ok(!next.items.some((i: { movie: { id: number } }) => i.movie.id === first), 'a rated movie is never recommended again');
    assert.notDeepEqual(next.items.map((i: { movie: { id: number } }) => i.movie.id), recommendations.items.map((i: { movie: { id: number } }) => i.movie.id));
    assert.equal((await get(`/api/users/${user.id}`)).json().ratingCount, 5);

    const other = (await post('/api/users', { name: 'Bob' })).json();
    assertError(await post(`/api/users/${other.user.id}/ratings`, { movieId: first, rating: 3 }, token), 403, `not valid for user ${other.user.id}`);
  });
});

describe('hygiene', () => {
  test('integers in the URL are plain decimal only', async () => {
    const user = app.context.catalog.dataset.users.id[15];
    assert.equal((await get(`/api/users/${user}`)).statusCode, 200);
    for (const written of ['0x10', '1e1', '+16', '016', '%2016', '16.0', '0b1', '16%00']) {
      assertError(await get(`/api/users/${written}`), 400, 'params/userId must be a whole number in plain decimal');
    }
    assertError(await get('/api/movies?limit=1e1'), 400, 'querystring/limit must be a whole number in plain decimal');
    const before = await app.context.store.countRatings();
    assertError(await post(`/api/users/0x${user.toString(16)}/ratings`, { movieId: someMovieId(), rating: 4 }, ADMIN), 400, 'plain decimal');
    assert.equal(await app.context.store.countRatings(), before, 'the write to a hex id went nowhere');
  });

  test('every HTML reply has the CSP; API replies are not cacheable and carry a request id', async () => {
    for (const url of ['/', '/ui/index.html']) {
      const page = await get(url);
      assert.match(String(page.headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/, url);
      assert.equal(page.headers['x-frame-options'], 'DENY', url);
      assert.equal(page.headers['x-content-type-options'], 'nosniff', url);
    }
    const created = await post('/api/users', { name: 'Cache' });
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers['cache-control'], 'no-store', 'the reply carrying a token is never cached');
    assert.match(String(created.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal((await get('/api/health')).headers['cache-control'], 'no-store');
  });

  test('names with control characters are refused; URLs that cannot be decoded get the error shape', async () => {
    assertError(await post('/api/users', { name: 'a\u0000b' }), 400, 'body/name must match pattern');
    assertError(await post('/api/users', { name: 'two\nlines' }), 400, 'body/name must match pattern');
    assertError(await get('/api/movies/%zz'), 400, 'cannot be decoded');
    assertError(await get('/%'), 400, 'cannot be decoded');
  });

  test("open endpoints show no file paths and no other app user's name", async () => {
    const created = (await post('/api/users', { name: 'Private Person' })).json();
    const { id } = created.user;
    assert.equal((await get(`/api/users/${id}`)).json().name, `App user ${id}`);
    const own = await app.server.inject({ method: 'GET', url: `/api/users/${id}`, headers: { authorization: `Bearer ${created.token}` } });
    assert.equal(own.json().name, 'Private Person');
    const listed = (await get('/api/users?kind=app&limit=100')).json().items;
    assert.ok(listed.length > 0 && !listed.some((u: { name: string }) => u.name === 'Private Person'));
    const asAdmin = await app.server.inject({ method: 'GET', url: '/api/users?kind=app&limit=100', headers: { authorization: `Bearer ${ADMIN}` } });
    assert.ok(asAdmin.json().items.some((u: { name: string }) => u.name === 'Private Person'));
    for (const url of ['/api/model', '/api/health', '/api/metrics', '/api/admin/retrain']) {
      const body = (await get(url)).body;
      assert.ok(!body.includes(artifacts) && !body.includes(dir) && !/"\/(tmp|home|root|work|srv)\//.test(body), `${url} shows a path: ${body.slice(0, 300)}`);
    }
  });

  test('a 500 is logged with the request id its body names, even without --log', async (t) => {
    const server = await buildServer(app.context);
    server.get('/api/test-boom', async () => {
      throw new Error('boom for the test');
    });
    const logged = t.mock.method(console, 'error', () => {});
    const reply = await server.inject({ method: 'GET', url: '/api/test-boom' });
    await server.close();
    assert.equal(reply.statusCode, 500);
    const id = String(reply.headers['x-request-id']);
    assert.match(reply.json().error.message, new RegExp(`request id ${id}`));
    const lines = logged.mock.calls.map((c) => String(c.arguments[0]));
    assert.ok(lines.some((line) => line.includes(id) && line.includes('boom for the test')), lines.join('\n'));
    assert.ok(!reply.body.includes('boom for the test'), 'the cause stays in the log');
  });
});

test('requests over the rate limit get a JSON 429', async () => {
  const limited = await buildServer(app.context, { rateLimit: 3 });
  const replies = [];
  for (let i = 0; i < 4; i++) replies.push(await limited.inject({ method: 'GET', url: '/api/health' }));
  assert.deepEqual(replies.map((r) => r.statusCode), [200, 200, 200, 429]);
  assert.match(replies[3].json().error.message, /rate limit of 3 requests/);
  await limited.close();
});
