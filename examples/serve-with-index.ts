/**
 * Serving: train a small two-tower model, index the movies, save everything, load it back in a
 * "fresh process" and recommend (TFRS: `BruteForce` / `ScaNN` layers + `tf.saved_model.save`).
 *
 *   node --conditions=maxella-source --import tsx examples/serve-with-index.ts [--data <folder or spec>] [--quick] [--epochs <n>]
 *
 * The artifact folder holds the model (config + weights, SHA-256 checked) and the fitted encoder
 * (vocabularies) as an extra; the index is saved beside it. Nothing needs custom ops at serving time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MovieLensEncoder, type MovieLensEncoderJSON, type Columns } from 'maxella/features';
import { BruteForce, HnswIndex, type TopKIndex } from 'maxella/layers';
import { TwoTowerModel } from 'maxella/models';
import { Retrieval } from 'maxella/tasks';
import { Adagrad, loadArtifact, saveArtifact } from 'maxella/train';
import { epochLogger, exampleOptions, loadExampleData, trainTestSplit, userRow } from './common.ts';

const options = exampleOptions(3);
const ds = await loadExampleData(options);
const { train } = trainTestSplit(ds, options);

// ## Train a small retrieval model (as examples/basic-retrieval.ts, candidates keyed by movie id)
const encoder = new MovieLensEncoder({ features: ['user_id', 'movie_id'] }).adapt(ds, train);
const dim = 32;
const model = new TwoTowerModel(
  {
    query: { name: 'user_model', embeddings: [{ feature: 'user_id', inputDim: encoder.vocabularySize('user_id'), outputDim: dim }], seed: 1 },
    candidate: { name: 'movie_model', embeddings: [{ feature: 'movie_id', inputDim: encoder.vocabularySize('movie_id'), outputDim: dim }], seed: 2 },
  },
  new Retrieval(),
);
model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
await model.fit(encoder.encode(ds, train), { epochs: options.epochs, batchSize: options.quick ? 2048 : 8192, seed: 42, callbacks: [epochLogger()] });

// ## Index the catalogue: one embedding per movie, under its movies-table row.
const movies = encoder.encodeMovies(ds);
const movieRows = Int32Array.from({ length: movies.length }, (_, row) => row);
const index = new BruteForce();
index.index(model.candidateEmbeddings(movies), dim, movieRows);

/** The movies a user rated in training: excluded from their recommendations. */
const seen = new Map<number, number[]>();
for (const r of train) {
  const rated = seen.get(ds.ratings.user[r]) ?? [];
  rated.push(ds.ratings.movie[r]);
  seen.set(ds.ratings.user[r], rated);
}

/** Top-`k` unseen movies for the user in users-table row `user`, through any model and index. */
function recommend(retrieval: TwoTowerModel, users: Columns, topK: TopKIndex, user: number, k = 5): Int32Array {
  const query = retrieval.queryEmbeddings({ length: 1, features: { user_id: Int32Array.of((users.features.user_id as Int32Array)[user]) } });
  return topK.search(query, k, () => seen.get(user)).ids;
}

const user = userRow(ds, 42);
const before = recommend(model, encoder.encodeUsers(ds), index, user);
console.log(`Before saving, user ${ds.users.id[user]}: ${Array.from(before, (row) => ds.movies.title[row]).join(' | ')}`);

// ## Save: model + encoder in one checksummed artifact folder, the index beside it.
const dir = await mkdtemp(join(tmpdir(), 'maxella-serve-'));
const manifest = await saveArtifact(join(dir, 'retrieval'), model, { extras: { encoder: encoder.toJSON() } });
await index.save(join(dir, 'movies.index'));
console.log(`Saved a ${manifest.className} artifact (manifest.json, ${Object.keys(manifest.files).join(', ')}) and movies.index to ${dir} (removed at the end)`);
index.dispose();

// ## Load (what a server does at start-up) and recommend again.
const loaded = await loadArtifact<TwoTowerModel>(join(dir, 'retrieval'), { expectClass: 'TwoTowerModel' });
const loadedEncoder = MovieLensEncoder.fromJSON(loaded.extras.encoder as MovieLensEncoderJSON);
const loadedIndex = await BruteForce.load(join(dir, 'movies.index'));
const after = recommend(loaded.model, loadedEncoder.encodeUsers(ds), loadedIndex, user);
console.log(`After loading, user ${ds.users.id[user]}: ${Array.from(after, (row) => ds.movies.title[row]).join(' | ')}`);
if (after.join() !== before.join()) throw new Error('the loaded artifact recommends differently from the trained model');
loadedIndex.dispose();

// ## Approximate search (TFRS: tfrs.layers.factorized_top_k.ScaNN) with an HNSW graph:
// how many of the exact top-10 it finds for every user.
const users = loadedEncoder.encodeUsers(ds);
const queries = loaded.model.queryEmbeddings(users);
const exact = new BruteForce();
exact.index(loaded.model.candidateEmbeddings(movies), dim, movieRows);
const approximate = new HnswIndex({ m: 16, efSearch: 50 });
approximate.index(loaded.model.candidateEmbeddings(movies), dim, movieRows);
const k = 10;
const exactIds = exact.search(queries, k).ids;
const approximateIds = approximate.search(queries, k).ids;
let found = 0;
for (let q = 0; q < users.length; q++) {
  const truth = new Set(exactIds.subarray(q * k, (q + 1) * k));
  for (const id of approximateIds.subarray(q * k, (q + 1) * k)) if (truth.has(id)) found++;
}
console.log(`hnsw_recall_at_${k}: ${(found / (users.length * k)).toFixed(4)}`);
exact.dispose();
await rm(dir, { recursive: true, force: true });
