/** The version watcher: follows current.json, reports a broken pointer or version once, keeps serving. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setCurrentVersion } from './artifact.ts';
import { VersionWatcher } from './version-watcher.ts';

const root = mkdtempSync(join(tmpdir(), 'maxella-watch-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('switches to each newly published version once, and stays on the old one when the new cannot load', async () => {
  let serving = 'v1';
  const loaded: string[] = [];
  const logs: string[] = [];
  const watcher = new VersionWatcher({
    artifacts: root, intervalMs: 0, serving: () => serving, log: (line) => logs.push(line),
    async load(dir, version) {
      if (version === 'broken') throw new Error(`${dir}/app.json: checksum mismatch`);
      loaded.push(dir);
      serving = version;
    },
  });
  await watcher.check();
  assert.deepEqual(loaded, [], 'no current.json: nothing to do');
  await setCurrentVersion(root, 'v1');
  await watcher.check();
  assert.deepEqual(loaded, [], 'the served version is published: nothing to do');
  await setCurrentVersion(root, 'v2');
  await Promise.all([watcher.check(), watcher.check()]);
  assert.deepEqual(loaded, [join(root, 'v2')], 'concurrent checks load once');
  assert.equal(serving, 'v2');

  await setCurrentVersion(root, 'broken');
  await watcher.check();
  await watcher.check();
  assert.equal(serving, 'v2');
  assert.equal(logs.filter((l) => l.includes('broken') && l.includes('still serving v2')).length, 1, 'reported once');

  writeFileSync(join(root, 'current.json'), '{not json');
  await watcher.check();
  assert.ok(logs.some((l) => l.includes(join(root, 'current.json')) && l.includes('still serving v2')), logs.join('\n'));
});

test('polls on its own when given an interval', async () => {
  let serving = 'a';
  const watcher = new VersionWatcher({ artifacts: root, intervalMs: 20, serving: () => serving, log: () => {}, load: async (_dir, v) => void (serving = v) });
  await setCurrentVersion(root, 'b');
  watcher.start();
  const deadline = Date.now() + 5000;
  while (serving !== 'b' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await watcher.stop();
  assert.equal(serving, 'b');
});
