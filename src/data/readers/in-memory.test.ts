/** Releases from memory and over fetch read exactly as from a folder, with the same bad-input messages. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError } from './data-error.ts';
import { readMovieLens } from './index.ts';
import { fetchMovieLens, readMovieLensFiles } from './in-memory.ts';
import { removeTempRelease, tiny100k, tiny1m, tinyCsv, writeTempRelease } from './temp-release.ts';

const bytes = (files: Record<string, string | Buffer>): Record<string, Uint8Array> =>
  Object.fromEntries(Object.entries(files).map(([name, value]) => [name, typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(value)]));

/** A fetch over `files` served at http://test/ml-100k/ (404 for anything else). */
function fakeFetch(files: Record<string, Uint8Array>, base = 'http://test/ml-100k/'): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    const body = url.startsWith(base) ? files[url.slice(base.length)] : undefined;
    return body ? new Response(body as Uint8Array<ArrayBuffer>) : new Response('not found', { status: 404, statusText: 'Not Found' });
  }) as typeof fetch;
}

test('ML-100K and ML-1M files in memory read as the same folder on disk', async () => {
  for (const files of [tiny100k(), tiny1m()]) {
    const dir = writeTempRelease(files);
    try {
      const fromDisk = await readMovieLens(dir, { name: 'ml-test' });
      assert.deepEqual(await readMovieLensFiles(bytes(files), { name: 'ml-test' }), fromDisk);
      assert.deepEqual(await readMovieLensFiles(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, String(v)])), { name: 'ml-test' }), fromDisk, 'text contents too');
    } finally {
      removeTempRelease(dir);
    }
  }
  assert.equal((await readMovieLensFiles(bytes(tiny100k()))).name, 'ml-100k');
  assert.equal((await readMovieLensFiles(bytes(tiny1m()))).name, 'ml-1m');
});

test('bad input in memory names the file and line; a CSV release or a bad file name is refused clearly', async () => {
  const broken = bytes(tiny100k({ 'u.data': '1\t10\t3\t881250949\n2\t10\tfive\t881250950\n' }));
  await assert.rejects(readMovieLensFiles(broken), (error: unknown) => {
    assert.ok(error instanceof DataError);
    assert.match(error.file, /u\.data$/);
    assert.equal(error.line, 2);
    return true;
  });
  await assert.rejects(readMovieLensFiles(bytes(tinyCsv())), /CSV \(latest \/ 20M \/ 25M\) release, which this reader does not read/);
  await assert.rejects(readMovieLensFiles({ 'u.data': 'x', '../u.item': 'y' }), /file name '\.\.\/u\.item' must be a plain name/);
  await assert.rejects(readMovieLensFiles(bytes({ 'u.data': tiny100k()['u.data'] })), /lacks u\.item, u\.user/);
});

test('fetchMovieLens reads a served ML-100K or ML-1M folder and names a missing file by URL and status', async () => {
  const hundred = bytes(tiny100k());
  const ds = await fetchMovieLens('http://test/ml-100k', { fetch: fakeFetch(hundred) });
  assert.equal(ds.name, 'ml-100k');
  assert.equal(ds.ratings.length, 3);
  const million = await fetchMovieLens('http://test/ml-100k/', { fetch: fakeFetch(bytes(tiny1m())), name: 'ml-1m' });
  assert.equal(million.ratings.length, 2);
  const { 'u.user': _users, ...withoutUsers } = hundred;
  await assert.rejects(fetchMovieLens('http://test/ml-100k/', { fetch: fakeFetch(withoutUsers) }), /http:\/\/test\/ml-100k\/u\.user: answered HTTP 404/);
  await assert.rejects(fetchMovieLens('http://test/elsewhere/', { fetch: fakeFetch(hundred) }), /ratings\.dat: answered HTTP 404: not a MovieLens 100K or 1M folder \(and .*u\.data answered HTTP 404/);
});
