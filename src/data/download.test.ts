import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { downloadRelease, MOVIELENS_CHECKSUMS, MOVIELENS_RELEASES } from './download.ts';
import { writeSyntheticMovieLens } from './synthetic.ts';
import { zipFolder } from './test-zip.ts';

/** A local GroupLens: /good serves the zip, /corrupt a damaged copy, /drop cuts the connection mid-body. */
function serve(zip: Buffer): Server {
  const corrupt = Buffer.from(zip);
  corrupt[Math.floor(corrupt.length / 2)] ^= 0xff;
  return createServer((req, res) => {
    const route = req.url?.split('/')[1];
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length });
    if (route === 'good') res.end(zip);
    else if (route === 'corrupt') res.end(corrupt);
    else res.write(zip.subarray(0, zip.length >> 1), () => res.socket?.destroy());
  });
}

describe('downloadRelease against a local HTTP server', () => {
  let server: Server;
  let zip: Buffer;
  let base: string;
  let checksums: Record<string, { size: number; sha256: string }>;
  const scratch = mkdtempSync(join(tmpdir(), 'maxella-dl-'));
  const freshCache = (): string => mkdtempSync(join(scratch, 'cache-'));
  const leftovers = (cache: string): string[] => (existsSync(join(cache, 'downloads')) ? readdirSync(join(cache, 'downloads')) : []);

  before(async () => {
    const dir = join(scratch, 'ml-100k');
    await writeSyntheticMovieLens(dir, { format: '100k', ratings: 3000 });
    zip = await zipFolder(dir, 'ml-100k');
    checksums = { 'ml-100k': { size: zip.length, sha256: createHash('sha256').update(zip).digest('hex') } };
    server = serve(zip);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('has a checksum entry for every release, with SHA-256 for all but ml-latest', () => {
    for (const name of MOVIELENS_RELEASES) {
      assert.ok(name in MOVIELENS_CHECKSUMS);
      if (name !== 'ml-latest') assert.match(MOVIELENS_CHECKSUMS[name].sha256 ?? '', /^[0-9a-f]{64}$/);
    }
  });

  it('downloads and verifies a good zip into the cache', async () => {
    const cache = freshCache();
    const path = await downloadRelease('ml-100k', { cacheDir: cache, baseUrl: `${base}/good`, checksums, progress: false });
    assert.equal(path, join(cache, 'downloads', 'ml-100k.zip'));
    assert.deepEqual(readFileSync(path), zip);
    assert.deepEqual(leftovers(cache), ['ml-100k.zip']);
  });

  it('rejects a corrupted archive with expected and actual checksums, leaving nothing', async () => {
    const cache = freshCache();
    await assert.rejects(
      downloadRelease('ml-100k', { cacheDir: cache, baseUrl: `${base}/corrupt`, checksums, progress: false }),
      (err: Error) => err.message.includes('sha256 mismatch') && err.message.includes(checksums['ml-100k'].sha256) && /got [0-9a-f]{64}/.test(err.message),
    );
    assert.deepEqual(leftovers(cache), []);
  });

  it('reports a dropped connection and leaves nothing', async () => {
    const cache = freshCache();
    await assert.rejects(
      downloadRelease('ml-100k', { cacheDir: cache, baseUrl: `${base}/drop`, checksums, progress: false }),
      (err: Error) => {
        const expected = `could not download ${base}/drop/ml-100k.zip: connection dropped after ${zip.length >> 1} of ${zip.length} bytes`;
        return err.message.startsWith(expected);
      },
    );
    assert.deepEqual(leftovers(cache), []);
  });

  it('says it looks offline when the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const cache = freshCache();
    await assert.rejects(
      downloadRelease('ml-100k', { cacheDir: cache, baseUrl: `http://127.0.0.1:${port}`, checksums, progress: false }),
      (err: Error) =>
        err.message.startsWith(`could not download http://127.0.0.1:${port}/ml-100k.zip: `) &&
        err.message.includes('ECONNREFUSED') &&
        err.message.endsWith("you are offline? pass a local folder with --data <dir> or use 'synthetic'"),
    );
    assert.deepEqual(leftovers(cache), []);
  });
});
