/**
 * The browser demo: trains the TFRS basic-retrieval two-tower model on MovieLens in the page (wasm
 * backend), draws the loss as it falls, and lists the learned recommendations for a chosen user.
 * "Load model" fetches an artifact saved by Node (`examples/browser/export-model.ts`) instead.
 * Built by `examples/browser/build.ts`; `window.maxellaDemo` exposes the state for the Chromium test.
 */
import { fetchMovieLens, initEngine, randomSplit, type MovieLensDataset } from 'maxella/browser';
import { features, layers, metrics, models } from 'maxella/browser';
import { demoEncoder, demoModel, EMBEDDING_DIM } from './model.ts';

/** What the page has done so far (read by the Chromium test). */
const demo = {
  backend: '',
  losses: [] as number[],
  epochLosses: [] as number[],
  recommendations: [] as string[],
  source: '',
  evaluation: {} as Record<string, number>,
  error: '',
};
(globalThis as unknown as { maxellaDemo: typeof demo }).maxellaDemo = demo;

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = (text: string): void => void (byId('status').textContent = text);
const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

let dataset: { url: string; ds: MovieLensDataset } | undefined;
let current: { model: models.TwoTowerModel; encoder: features.MovieLensEncoder; seen: Set<number>[] } | undefined;

async function loadData(): Promise<MovieLensDataset> {
  const url = byId<HTMLInputElement>('data-url').value;
  if (dataset?.url !== url) {
    status(`Fetching ${url}…`);
    dataset = { url, ds: await fetchMovieLens(new URL(url, location.href).href) };
  }
  return dataset.ds;
}

/** The movie rows each user rated (excluded from their recommendations). */
function seenByUser(ds: MovieLensDataset): Set<number>[] {
  const seen = Array.from({ length: ds.users.length }, () => new Set<number>());
  for (let i = 0; i < ds.ratings.length; i++) seen[ds.ratings.user[i]].add(ds.ratings.movie[i]);
  return seen;
}

function drawLoss(): void {
  const values = demo.losses;
  if (values.length < 2) return;
  const max = Math.max(...values);
  const min = Math.min(...values);
  const points = values.map((v, i) => `${(400 * i) / (values.length - 1)},${145 - (140 * (v - min)) / Math.max(max - min, 1e-9)}`);
  byId('loss-chart').innerHTML = `<polyline fill="none" stroke="#2563eb" stroke-width="2" vector-effect="non-scaling-stroke" points="${points.join(' ')}"/>`;
}

function recommend(): void {
  const ds = dataset?.ds;
  if (!ds || !current) return;
  const userId = Number(byId<HTMLInputElement>('user').value);
  const user = ds.users.id.indexOf(userId);
  const list = byId('recommendations');
  if (user < 0) {
    list.innerHTML = '';
    byId('history').textContent = `No user ${userId} in ${ds.name} (ids ${ds.users.id[0]}–${ds.users.id[ds.users.length - 1]}).`;
    return;
  }
  const movies = current.encoder.encodeMovies(ds);
  const index = new layers.BruteForce();
  index.index(current.model.candidateEmbeddings(movies), EMBEDDING_DIM);
  const users = current.encoder.encodeUsers(ds);
  const userFeature = users.features.user_id as Int32Array;
  const query = current.model.queryEmbeddings({ length: 1, features: { user_id: Int32Array.of(userFeature[user]) } });
  const { ids } = index.search(query, 10, () => current!.seen[user]);
  index.dispose();
  demo.recommendations = Array.from(ids, (row) => ds.movies.title[row]);
  list.innerHTML = '';
  for (const title of demo.recommendations) list.append(Object.assign(document.createElement('li'), { textContent: title }));
  byId('history').textContent = `User ${userId} rated ${current.seen[user].size} movies (not recommended again).`;
}

async function trainInPage(): Promise<void> {
  const ds = await loadData();
  const epochs = Number(byId<HTMLInputElement>('epochs').value);
  const batchSize = Number(byId<HTMLInputElement>('batch').value);
  const { train: trainRows, test: testRows } = randomSplit(ds.ratings.length, [0.8, 0.2], 42);
  const encoder = demoEncoder().adapt(ds, trainRows);
  const movies = encoder.encodeMovies(ds);
  const topK = new metrics.FactorizedTopK({
    candidates: () => ({ embeddings: model.candidateEmbeddings(movies), dim: EMBEDDING_DIM, ids: movies.features.movie_title as Int32Array }),
  });
  const model = demoModel(encoder, topK);
  const progress = byId<HTMLProgressElement>('progress');
  const table = byId('epochs-table').querySelector('tbody')!;
  demo.losses = [];
  demo.epochLosses = [];
  table.innerHTML = '';
  let started = performance.now();
  let lossSum = 0;
  let seen = 0;
  await model.fit(encoder.encode(ds, trainRows), {
    epochs, batchSize, seed: 42,
    callbacks: [{
      onTrainBegin: (_m, info) => void (progress.max = info.epochs * info.stepsPerEpoch),
      onEpochBegin: () => { started = performance.now(); lossSum = 0; seen = 0; },
      onBatchEnd: async (_m, step, logs) => {
        // Per example, full batches only: an epoch's smaller last batch has fewer in-batch negatives, so a lower loss.
        if (logs.size === batchSize) demo.losses.push(logs.loss / batchSize);
        lossSum += logs.loss; // the Retrieval task sums over the batch (TFRS)
        seen += logs.size ?? 1;
        progress.value = step;
        status(`Training: step ${step} of ${progress.max}, loss per example ${(logs.loss / (logs.size ?? 1)).toFixed(3)}`);
        drawLoss();
        await nextFrame(); // let the page repaint
      },
      onEpochEnd: (_m, epoch) => {
        const mean = lossSum / seen; // per example
        demo.epochLosses.push(mean);
        table.insertAdjacentHTML('beforeend', `<tr><td>${epoch + 1}</td><td>${mean.toFixed(3)}</td><td>${((performance.now() - started) / 1000).toFixed(1)}</td></tr>`);
      },
    }],
  });
  status('Evaluating on the 20% test split…');
  await nextFrame();
  const result = model.evaluate(encoder.encode(ds, testRows), { batchSize: 4096 });
  const movieOf = (rows: Int32Array) => Int32Array.from(rows, (r) => ds.ratings.movie[r]);
  const popular = models.PopularityModel.fit(movieOf(trainRows), ds.movies.length).topKAccuracy(movieOf(testRows));
  const top100 = result['factorized_top_k/top_100_categorical_accuracy'];
  demo.evaluation = { top100, mostPopularTop100: popular.top_100 };
  byId('evaluation').textContent = `Test top-100 accuracy ${top100.toFixed(3)} (most popular: ${demo.evaluation.mostPopularTop100.toFixed(3)}).`;
  current = { model, encoder, seen: seenByUser(ds) };
  demo.source = `trained in this page on ${ds.name} (${trainRows.length.toLocaleString('en')} ratings, ${epochs} epochs)`;
  byId('model-source').textContent = `Model ${demo.source}.`;
  status(`Done: ${demo.backend} backend.`);
  recommend();
}

async function loadFromNode(): Promise<void> {
  const url = new URL(byId<HTMLInputElement>('artifact-url').value, location.href).href;
  status(`Fetching the model at ${url}…`);
  const { model, extras, manifest } = await models.fetchArtifact<models.TwoTowerModel>(url, { expectClass: 'TwoTowerModel' });
  const encoder = features.MovieLensEncoder.fromJSON(extras.encoder as features.MovieLensEncoderJSON);
  const ds = await loadData();
  current = { model, encoder, seen: seenByUser(ds) };
  demo.source = `trained in Node, saved ${manifest.createdAt.slice(0, 10)} (Maxella ${manifest.maxellaVersion}), checksums verified`;
  byId('model-source').textContent = `Model ${demo.source}.`;
  status('Loaded the model from Node.');
  recommend();
}

function guarded(action: () => Promise<void>): () => void {
  return () => {
    document.querySelectorAll('button').forEach((b) => (b.disabled = true));
    action()
      .catch((error: unknown) => {
        demo.error = error instanceof Error ? error.message : String(error);
        byId('status').innerHTML = '';
        byId('status').append(Object.assign(document.createElement('span'), { className: 'error', textContent: demo.error }));
      })
      .finally(() => {
        document.querySelectorAll('button').forEach((b) => (b.disabled = false));
      });
  };
}

byId('train').addEventListener('click', guarded(trainInPage));
byId('load').addEventListener('click', guarded(loadFromNode));
byId('user').addEventListener('change', recommend);
demo.backend = await initEngine('wasm', { wasmPaths: new URL('./wasm/', location.href).href });
status(`Ready: TensorFlow.js ${demo.backend} backend. Press Train.`);
