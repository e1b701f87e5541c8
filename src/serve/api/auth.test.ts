/** The admin token's source: the environment, else a file written once (and shown only then). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/fixtures.ts';
import { adminTokenFrom } from './auth.ts';

test('the admin token is generated once into its file, then read from it; the environment wins', () => {
  const dir = tempDir('admin-token');
  try {
    const file = join(dir, 'nested', 'admin-token');
    const first = adminTokenFrom(file, undefined);
    assert.equal(first.generated, true);
    assert.equal(readFileSync(file, 'utf8').trim(), first.token);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'only the owner can read it');
    const second = adminTokenFrom(file, undefined);
    assert.deepEqual(second, { token: first.token, source: file, generated: false }, 'not generated (nor shown) again');
    assert.deepEqual(adminTokenFrom(file, 'from-env'), { token: 'from-env', source: '$MAXELLA_ADMIN_TOKEN', generated: false });
    writeFileSync(file, 'short\n');
    assert.throws(() => adminTokenFrom(file, undefined), new RegExp(`${file}: the admin token file must hold one token`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
