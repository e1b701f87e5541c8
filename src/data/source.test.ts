import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import { loadDataset, parseSyntheticSpec, resolveDataset } from './source.ts';
import { writeSyntheticMovieLens } from './synthetic.ts';
import { zipFolder } from './test-zip.ts';

describe('resolveDataset', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'maxella-source-'));
  const release = join(scratch, 'release');
  const place = (root: string): string => {
    cpSync(release, join(scratch, root, 'ml-100k'), { recursive: true });
    return join(scratch, root, 'ml-100k');
  };
  const roots = { dataDir: join(scratch, 'data'), sharedDir: join(scratch, 'shared'), cacheDir: join(scratch, 'cache') };

  before(() => writeSyntheticMovieLens(release, { format: '100k', ratings: 2000 }));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('searches $MAXELLA_DATA_DIR, then ../shared, then the cache, skipping incomplete folders', async () => {
    const [data, shared, cache] = [place('data'), place('shared'), place('cache')];
    const opts = { ...roots, offline: true };
    assert.equal(await resolveDataset('ml-100k', opts), data);
    rmSync(data, { recursive: true });
    assert.equal(await resolveDataset('ml-100k', opts), shared);
    rmSync(join(shared, 'u.data'));
    assert.equal(await resolveDataset('ml-100k', opts), cache);
    rmSync(cache, { recursive: true });
    await assert.rejects(resolveDataset('ml-100k', opts), (err: Error) => err.message.includes(`${shared}: looks like MovieLens 100K but lacks u.data`));
    rmSync(shared, { recursive: true });
  });

  it('says exactly which file the real shared ML-1M copy lacks', { skip: skipWithoutSharedData('ml-1m') }, async () => {
    const shared = join(sharedDataPath('ml-1m') ?? '', '..');
    const opts = { dataDir: join(scratch, 'none'), sharedDir: shared, cacheDir: join(scratch, 'cache-1m'), offline: true };
    await assert.rejects(resolveDataset('ml-1m', opts), (err: Error) => err.message.includes(`${join(shared, 'ml-1m')}: looks like MovieLens 1M but lacks ratings.dat`));
  });

  it('downloads, verifies and extracts a release into the cache, then finds it there', async () => {
    const zip = await zipFolder(release, 'ml-100k');
    const server = createServer((_req, res) => res.end(zip));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const opts = {
      dataDir: join(scratch, 'none'), sharedDir: join(scratch, 'none'), cacheDir: join(scratch, 'cache-dl'), progress: false,
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      checksums: { 'ml-100k': { sha256: createHash('sha256').update(zip).digest('hex') } },
    };
    try {
      assert.equal(await resolveDataset('ml-100k', opts), join(opts.cacheDir, 'ml-100k'));
    } finally {
      server.close();
    }
    assert.equal(await resolveDataset('ml-100k', { ...opts, offline: true }), join(opts.cacheDir, 'ml-100k'));
  });

  it('accepts a zip path and a folder path, naming missing files', async () => {
    const zipPath = join(scratch, 'mine.zip');
    writeFileSync(zipPath, await zipFolder(release, 'ml-100k'));
    const fromZip = await resolveDataset(zipPath, { cacheDir: roots.cacheDir });
    assert.ok(fromZip.startsWith(join(roots.cacheDir, 'zips', 'mine-')));
    assert.equal(await resolveDataset(release), release);
    const partial = join(scratch, 'partial');
    mkdirSync(partial);
    writeFileSync(join(partial, 'movies.dat'), '1::Toy Story (1995)::Comedy\n');
    await assert.rejects(resolveDataset(partial), /lacks ratings\.dat, users\.dat/);
    await assert.rejects(resolveDataset('ml-7m'), /unknown dataset "ml-7m"/);
  });

  it('generates synthetic data once into the cache and loads it', async () => {
    const opts = { cacheDir: roots.cacheDir };
    const dir = await resolveDataset('synthetic:1m:4000', opts);
    assert.equal(await resolveDataset('synthetic:1m:4000', opts), dir);
    const ds = await loadDataset('synthetic:1m:4000', opts);
    assert.equal(ds.name, 'synthetic');
    assert.equal(ds.ratings.length, 4000);
    assert.deepEqual(parseSyntheticSpec('synthetic'), { format: '100k' });
    assert.deepEqual(parseSyntheticSpec('synthetic:25m:1_000'), { format: '25m', ratings: 1000 });
    assert.throws(() => parseSyntheticSpec('synthetic:2m'), /must be one of 100k, 1m, latest, 20m, 25m, got "2m"/);
  });
});
