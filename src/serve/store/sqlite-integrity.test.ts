/** The SQLite store refuses bad files at open, naming them: 0 bytes, not a database, corrupted pages. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './open.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'maxella-sqlite-integrity-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Asserts opening `file` fails with a message that starts with the file's path and matches `reason`. */
async function expectRefused(file: string, reason: RegExp): Promise<void> {
  await assert.rejects(openStore(file), (error: Error) => {
    assert.ok(error.message.startsWith(`${file}: `), error.message);
    assert.match(error.message, reason);
    assert.match(error.message, /Restore it from a backup, or move it away/);
    return true;
  });
}

test('a missing file is a new, empty store', async () => {
  const store = await openStore(join(dir, 'new.db'));
  assert.equal(await store.countRatings(), 0);
  await store.close();
});

test('a 0-byte file is refused, not silently an empty store', async () => {
  const file = join(dir, 'empty.db');
  writeFileSync(file, '');
  await expectRefused(file, /is an empty \(0-byte\) file, not a Maxella database; refusing to start on it as an empty store/);
  assert.equal(statSync(file).size, 0, 'the file is left as it was');
});

test('a file that is not a SQLite database is refused', async () => {
  const file = join(dir, 'garbage.db');
  writeFileSync(file, Buffer.alloc(16_384, 'not a database, just text. '));
  await expectRefused(file, /not a usable SQLite database: file is not a database/);
});

test('a database with corrupted pages fails the integrity check at open', async () => {
  const file = join(dir, 'corrupt.db');
  const store = await openStore(file);
  for (let u = 1; u <= 300; u++) {
    for (let m = 1; m <= 10; m++) await store.putRating({ userId: u, movieId: m, rating: 1 + ((u + m) % 5), ratedAt: '2026-01-01T00:00:00.000Z' });
  }
  await store.close(); // checkpoints the WAL into the file
  const pageSize = 4096;
  const pages = statSync(file).size / pageSize;
  assert.ok(pages >= 8, `expected a multi-page database, got ${pages} pages`);
  // Scribble over the middle pages (not the header page): the schema still opens, the rows do not.
  const fd = openSync(file, 'r+');
  for (let p = 3; p < pages - 1; p += 2) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, p * pageSize);
  closeSync(fd);
  await expectRefused(file, /not a usable SQLite database: (failed its integrity check \(PRAGMA quick_check\)|database disk image is malformed)/);
});
