import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enrichFromExtraInfos, extraInfosCandidates, EXTRA_INFOS_FILE } from './extra-infos.ts';
import type { MovieLensDataset } from './schema.ts';

const ds: MovieLensDataset = {
  name: 'ml-1m',
  ratings: { length: 0, user: new Int32Array(0), movie: new Int32Array(0), rating: new Float32Array(0), timestamp: new Float64Array(0) },
  users: { length: 0, id: new Int32Array(0) },
  movies: { length: 1, id: Int32Array.of(1), title: ['Toy Story (1995)'], genres: Uint32Array.of(1 << 2) },
};

test('extraInfosCandidates: the dataset folder first; the ML-1M folders only for ML-100K / ML-1M', () => {
  assert.equal(extraInfosCandidates('/d', 'ml-100k')[0], join('/d', EXTRA_INFOS_FILE));
  assert.ok(extraInfosCandidates('/d', 'ml-100k').length > 1);
  assert.deepEqual(extraInfosCandidates('/d', 'synthetic'), [join('/d', EXTRA_INFOS_FILE)]);
});

test('enrichFromExtraInfos joins a file beside the data, reports a miss, refuses a missing explicit file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'maxella-extra-'));
  try {
    const none = await enrichFromExtraInfos({ ...ds, name: 'synthetic' }, dir);
    assert.equal(none.report, undefined);
    assert.deepEqual(none.searched, [join(dir, EXTRA_INFOS_FILE)]);
    await assert.rejects(enrichFromExtraInfos(ds, dir, join(dir, 'nope.dat')), /nope\.dat does not exist/);
    writeFileSync(join(dir, EXTRA_INFOS_FILE), '1::Toy Story::1995::G::22 Nov 1995::Animation::John Lasseter::Pete Docter::Tom Hanks, Tim Allen::A toy story.::N/A\r\n');
    const copy = { ...ds };
    const joined = await enrichFromExtraInfos(copy, dir);
    assert.equal(joined.file, join(dir, EXTRA_INFOS_FILE));
    assert.equal(joined.report?.matched, 1);
    assert.equal(copy.enrichment?.director[0], 'John Lasseter');
    assert.equal(copy.enrichment?.star[0], 'Tom Hanks');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
