import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { zipFolder } from './test-zip.ts';
import { extractZip, safeEntryPath } from './zip.ts';

describe('extractZip', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'maxella-zip-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  async function sampleZip(): Promise<Buffer> {
    const src = join(scratch, 'src');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'u.data'), '1\t2\t3\t881250949\n'.repeat(2000));
    writeFileSync(join(src, 'u.info'), '1 users\n');
    return zipFolder(src, 'ml-100k');
  }

  it('extracts a GroupLens-style zip, lifting its single top folder', async () => {
    const zipPath = join(scratch, 'good.zip');
    writeFileSync(zipPath, await sampleZip());
    const dest = await extractZip(zipPath, join(scratch, 'good'));
    assert.deepEqual(readdirSync(dest).sort(), ['u.data', 'u.info']);
    assert.equal(readFileSync(join(dest, 'u.info'), 'utf8'), '1 users\n');
  });

  it('names the zip when it is truncated, and leaves no folder behind', async () => {
    const zip = await sampleZip();
    const zipPath = join(scratch, 'truncated.zip');
    writeFileSync(zipPath, zip.subarray(0, zip.length - 40));
    const dest = join(scratch, 'truncated');
    await assert.rejects(extractZip(zipPath, dest), (err: Error) => err.message.startsWith(`corrupt or truncated zip ${zipPath}: `));
    assert.equal(existsSync(dest), false);
    assert.deepEqual(readdirSync(scratch).filter((f) => f.startsWith('.tmp-')), []);
  });

  it('refuses entry names that escape the folder (zip-slip)', () => {
    for (const bad of ['../evil', 'a/../../evil', '/etc/passwd', '..\\evil', 'C:/evil']) {
      assert.throws(() => safeEntryPath(bad), /unsafe entry path/, bad);
    }
    assert.equal(safeEntryPath('ml-100k/u.data'), join('ml-100k', 'u.data'));
    assert.equal(safeEntryPath('a/../u.data'), 'u.data');
  });
});
