/**
 * The browser demo in Chromium (playwright-core + Debian's chromium): the bundle builds, the page
 * trains the two-tower model on MovieLens 100K with the wasm backend to a falling loss and lists ten
 * unseen movies for a user, then loads a model saved by Node with `fetchArtifact` and lists exactly
 * what Node lists from the same artifact. Uses ../shared/data's ML-100K, or a synthetic ML-100K-format
 * release when it is absent (and says so). Skips, saying why, when no chromium is installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initEngine } from 'maxella';
import { readMovieLens, writeSyntheticMovieLens } from 'maxella/data';
import { MovieLensEncoder, type MovieLensEncoderJSON } from 'maxella/features';
import { BruteForce } from 'maxella/layers';
import { loadArtifact, type TwoTowerModel } from 'maxella/models';
import { buildDemo } from './build.ts';
import { CHROMIUM, driveDemo, haveChromium } from './drive.ts';
import { exportDemoModel } from './export-model.ts';
import { EMBEDDING_DIM } from './model.ts';
import { serveDemo, SHARED_ML100K } from './serve.ts';

const USER_ID = 42;

/** Node's top-10 unseen movies for `USER_ID` from the artifact in `dir`. */
async function nodeRecommendations(dataDir: string, artifactDir: string): Promise<string[]> {
  await initEngine();
  const ds = await readMovieLens(dataDir);
  const { model, extras } = await loadArtifact<TwoTowerModel>(artifactDir);
  const encoder = MovieLensEncoder.fromJSON(extras.encoder as MovieLensEncoderJSON);
  const user = ds.users.id.indexOf(USER_ID);
  const seen = new Set<number>();
  for (let i = 0; i < ds.ratings.length; i++) if (ds.ratings.user[i] === user) seen.add(ds.ratings.movie[i]);
  const index = new BruteForce();
  index.index(model.candidateEmbeddings(encoder.encodeMovies(ds)), EMBEDDING_DIM);
  const userIds = encoder.encodeUsers(ds).features.user_id as Int32Array;
  const { ids } = index.search(model.queryEmbeddings({ length: 1, features: { user_id: Int32Array.of(userIds[user]) } }), 10, () => seen);
  index.dispose();
  return Array.from(ids, (row) => ds.movies.title[row]);
}

test('the browser demo trains in Chromium to a falling loss, recommends, and loads a model saved by Node', { skip: haveChromium() ? false : `no chromium at ${CHROMIUM} (apt install chromium, or set MAXELLA_CHROMIUM)`, timeout: 600_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'maxella-browser-demo-'));
  try {
    let dataDir = SHARED_ML100K;
    if (!existsSync(dataDir)) {
      console.log(`# ${SHARED_ML100K} is absent: the demo runs on a synthetic ML-100K-format release`);
      dataDir = join(root, 'ml-100k');
      await writeSyntheticMovieLens(dataDir, { format: '100k', ratings: 30_000 });
    }
    const artifactDir = join(root, 'artifact');
    await exportDemoModel(dataDir, artifactDir, 1);
    await buildDemo();
    const server = await serveDemo(dataDir, artifactDir);
    try {
      const { trained, loaded, consoleErrors } = await driveDemo(server.url, { epochs: 3, user: USER_ID });
      assert.equal(trained.backend, 'wasm');
      assert.equal(trained.epochLosses.length, 3);
      assert.ok(trained.epochLosses.every((loss, i) => i === 0 || loss < trained.epochLosses[i - 1]), `epoch losses fall: ${trained.epochLosses}`);
      assert.ok(trained.losses.length > 10 && trained.losses.every(Number.isFinite));
      assert.equal(new Set(trained.recommendations).size, 10, `ten distinct titles: ${trained.recommendations}`);
      assert.ok(trained.evaluation.top100 > 0 && trained.evaluation.top100 < 1, `top-100 accuracy ${trained.evaluation.top100}`);

      assert.match(loaded.source, /^trained in Node/);
      assert.deepEqual(loaded.recommendations, await nodeRecommendations(dataDir, artifactDir), 'the page lists what Node lists from the same artifact');
      assert.deepEqual(consoleErrors, []);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
