/**
 * Start-up refuses bad state loudly: a garbage current.json, a corrupted or missing model in use, and a
 * model gone missing while the store holds the app's ratings all stop `startApp` with a message naming
 * the file and the retrain command, and nothing is trained on the dataset alone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp } from './app.ts';
import { checkFirstTraining, readCurrentVersion, retrainCommand, StartupError, trainedVersions } from './startup-checks.ts';
import { openStore } from './store/open.ts';
import { quickArtifacts, tempDir, TEST_DATA, testDataset } from './testing/fixtures.ts';
import { withStoredRatings } from './training-data.ts';

let dir: string;
let trained: string;
let version: string;
let copies = 0;

before(async () => {
  dir = tempDir('startup');
  ({ artifacts: trained, version } = await quickArtifacts(await testDataset()));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(trained, { recursive: true, force: true });
});

/** A fresh copy of the trained artifacts folder, a fresh db path, and the paths as `serve` gets them. */
function fresh(): { artifacts: string; db: string; paths: { data: string; db: string; artifacts: string } } {
  const artifacts = join(dir, `models-${copies}`);
  const db = join(dir, `app-${copies++}.db`);
  cpSync(trained, artifacts, { recursive: true });
  return { artifacts, db, paths: { data: TEST_DATA, db, artifacts } };
}

/** Asserts `startApp` refuses with a message starting with `file` and matching `reason`, having trained nothing. */
async function expectRefusal(paths: { data: string; db: string; artifacts: string }, file: string, reason: RegExp): Promise<void> {
  const before = trainedVersions(paths.artifacts);
  await assert.rejects(startApp({ ...paths, port: 0, host: '127.0.0.1', adminToken: 'startup-admin', log: () => {} }), (error: Error) => {
    assert.ok(error instanceof StartupError, `expected a StartupError, got ${error.stack}`);
    assert.ok(error.message.startsWith(`${file}: `), error.message);
    assert.match(error.message, reason);
    assert.ok(error.message.includes(retrainCommand(paths)), error.message);
    return true;
  });
  assert.deepEqual(trainedVersions(paths.artifacts), before, 'no replacement model was trained');
}

describe('current.json', () => {
  for (const [name, text, reason] of [
    ['garbage', '\u0000\u0001garbage', /is not valid JSON/],
    ['valid JSON without a version', '[1, 2]', /names no model version/],
    ['a version that is a path', '{"version": "../../etc"}', /names no model version/],
  ] as const) {
    test(`${name} is an error naming the file`, () => {
      const { artifacts, paths } = fresh();
      writeFileSync(join(artifacts, 'current.json'), text);
      assert.throws(() => readCurrentVersion(artifacts, paths), (error: Error) => {
        assert.ok(error.message.startsWith(`${join(artifacts, 'current.json')}: `), error.message);
        assert.match(error.message, reason);
        assert.match(error.message, new RegExp(`Point it at one of the trained versions \\(${version}\\)`));
        return true;
      });
    });
  }
  test('a garbage current.json stops start-up, naming it', async () => {
    const { artifacts, paths } = fresh();
    writeFileSync(join(artifacts, 'current.json'), 'not json');
    await expectRefusal(paths, join(artifacts, 'current.json'), /is not valid JSON/);
  });
});

describe('the model in use', () => {
  test('a corrupted model file stops start-up; no model is trained on the dataset alone', async () => {
    const { artifacts, db, paths } = fresh();
    const store = await openStore(db);
    await store.putRating({ userId: 1, movieId: 1, rating: 5, ratedAt: '2026-01-01T00:00:00.000Z' });
    await store.close();
    const versionDir = join(artifacts, version);
    const manifest = JSON.parse(readFileSync(join(versionDir, 'app.json'), 'utf8')) as { files: Record<string, string> };
    const victim = Object.keys(manifest.files)[0];
    const bytes = readFileSync(join(versionDir, victim));
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(join(versionDir, victim), bytes);
    const current = readFileSync(join(artifacts, 'current.json'), 'utf8');
    await expectRefusal(paths, versionDir, /the model in use cannot be served: .*checksum mismatch.*Not training a replacement at start on the dataset alone \(it would leave out the 1 ratings given in the app\)/);
    assert.equal(readFileSync(join(artifacts, 'current.json'), 'utf8'), current, 'current.json still names the same version');
  });

  test('a missing model folder stops start-up', async () => {
    const { artifacts, paths } = fresh();
    rmSync(join(artifacts, version), { recursive: true });
    await expectRefusal(paths, join(artifacts, version), /the model in use cannot be served: .*no app\.json/);
  });

  test('no current.json while the store holds app ratings: the model went missing, start-up stops', async () => {
    const { db, paths } = fresh();
    const artifacts = join(dir, `empty-models-${copies++}`);
    const store = await openStore(db);
    await store.putRating({ userId: 1, movieId: 1, rating: 4, ratedAt: '2026-01-01T00:00:00.000Z' });
    await store.close();
    await expectRefusal({ ...paths, artifacts }, join(artifacts, 'current.json'), /missing, so there is no model in use, but the store .* holds 1 ratings given in the app/);
  });

  test('no current.json beside trained versions: start-up stops and lists them', async () => {
    const { artifacts, paths } = fresh();
    rmSync(join(artifacts, 'current.json'));
    await expectRefusal(paths, join(artifacts, 'current.json'), new RegExp(`it holds trained versions \\(${version}\\)`));
  });

  test('a genuinely first start (empty store, no models) may train', async () => {
    const store = await openStore(':memory:');
    await checkFirstTraining(join(dir, 'nothing-here'), store, { data: TEST_DATA, db: ':memory:', artifacts: join(dir, 'nothing-here') });
    await store.close();
    assert.deepEqual(readdirSync(dir).filter((f) => f === 'nothing-here'), []);
  });
});

test("the retrain command's data includes the app's ratings", async () => {
  const ds = await testDataset();
  const db = join(dir, 'train-data.db');
  assert.equal((await withStoredRatings(ds, db)).appRatings, 0, 'a store that does not exist adds nothing');
  const store = await openStore(db);
  await store.putRating({ userId: 1_000_000, movieId: ds.movies.id[0], rating: 5, ratedAt: '2026-01-01T00:00:00.000Z' });
  await store.putRating({ userId: 1_000_000, movieId: ds.movies.id[1], rating: 4, ratedAt: '2026-01-01T00:00:00.000Z' });
  await store.close();
  const merged = await withStoredRatings(ds, db);
  assert.equal(merged.appRatings, 2);
  assert.equal(merged.ds.ratings.length, ds.ratings.length + 2);
  assert.equal(merged.ds.users.length, ds.users.length + 1);
});
