/**
 * The app's model artifact: one folder per version under an artifact root, holding the top-K model
 * that makes "Recommended for you", the two-tower retrieval model (a Maxella artifact, encoder and
 * candidate index included) and the matrix-factorization rating model, described and checksummed by
 * `app.json`:
 *
 * ```
 * <version>/app.json                    format, version, catalogue, metrics, options, topK, index, files: { path: sha256 }
 * <version>/topk/model.json, arrays.*    the top-K model (src/train/top-k-artifact.ts; model.json's sha256 in app.json)
 * <version>/retrieval/manifest.json     the two-tower artifact (sha256 in app.json; it checksums the files below)
 * <version>/retrieval/weights.{bin,json}
 * <version>/retrieval/extras/encoder.json
 * <version>/retrieval/extras/candidates.bin          BruteForce index (catalogues up to ANN_THRESHOLD movies)
 * <version>/retrieval/files/candidates{,.json}       or the HNSW graph + sidecar (larger catalogues)
 * <version>/ranking/weights.{bin,json}, mf.json      the MF model (sha256 in app.json)
 * ```
 * Older formats (v1, v2: no top-K model) are refused with the command that retrains. `current.json`
 * in the root names the version in use; both
 * the version folder and the pointer are written to a temporary name and renamed, so a reader (or a
 * crash) never sees half of either.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MovieLensDataset } from '../../data/schema.ts';
import { initEngine } from '../../engine/index.ts';
import { MovieLensEncoder, type MovieLensEncoderJSON } from '../../features/movielens.ts';
import { BiasedMatrixFactorization, type MatrixFactorizationJSON, type MatrixFactorizationWeights } from '../../models/matrix-factorization.ts';
import type { TopKRecommender } from '../../models/top-k.ts';
import { TwoTowerModel } from '../../models/two-tower.ts';
// Every top-K model class registers itself with the top-K artifact loader when its module loads.
import '../../models/index.ts';
import { loadArtifact, saveArtifact } from '../../train/artifact.ts';
import { loadTopKModel, saveTopKModel } from '../../train/top-k-artifact.ts';
import { readWeights, writeWeights } from '../../train/weights-file.ts';
import type { NearestSearch } from '../recommender/neighbours.ts';
import { candidateIndexArtifact, loadCandidateIndex, type CandidateIndexInfo } from './candidate-index.ts';
import type { AppTrainingOptions, TopKChoice, TrainedAppModels } from './train.ts';

const FORMAT = 'maxella.app-models';
/** v3 adds the top-K model; v2 stored the candidate index; v1 had neither. */
const FORMAT_VERSION = 3;
const MF_WEIGHTS: (keyof MatrixFactorizationWeights)[] = ['userFactors', 'movieFactors', 'userBias', 'movieBias'];

/** `app.json`: what a version holds. */
export interface AppManifest {
  format: typeof FORMAT;
  formatVersion: number;
  version: string;
  trainedAt: string;
  dataset: string;
  /** SHA-256 of the catalogue's movie ids: serving refuses an artifact trained on another catalogue. */
  catalogue: { movies: number; fingerprint: string };
  metrics: Record<string, number>;
  options: AppTrainingOptions;
  description: string;
  /** How the served top-K model was chosen. */
  topK: TopKChoice;
  /** The stored candidate index. */
  index: CandidateIndexInfo;
  /** SHA-256 of the ranking files and of the retrieval artifact's manifest (which checksums its own files). */
  files: Record<string, string>;
}

/** A loaded version. */
export interface LoadedAppModels {
  manifest: AppManifest;
  dir: string;
  encoder: MovieLensEncoder;
  twoTower: TwoTowerModel;
  mf: BiasedMatrixFactorization;
  topK: TopKRecommender;
  /** The candidate index stored at training time. */
  candidateIndex: NearestSearch;
}

/** Options of `saveAppModels`. */
export interface SaveAppModelsOptions {
  /** Above this many movies the stored index is HNSW (default ANN_THRESHOLD). */
  annThreshold?: number;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The fingerprint of a dataset's movie catalogue. */
export function catalogueFingerprint(ds: MovieLensDataset): string {
  return sha256(new Uint8Array(ds.movies.id.buffer, ds.movies.id.byteOffset, ds.movies.id.byteLength));
}

/** A new, sortable version name: `v20261201-213500-123`. */
export function newVersionName(date = new Date()): string {
  return `v${date.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*/, '')}-${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/**
 * Saves `trained` (trained on `ds`) as a new version under `root`, with the candidate index over
 * `ds`'s movies built now; returns its folder and manifest.
 */
export async function saveAppModels(
  root: string, ds: MovieLensDataset, trained: TrainedAppModels, version = newVersionName(), options: SaveAppModelsOptions = {},
): Promise<{ dir: string; manifest: AppManifest }> {
  const dir = join(resolve(root), version);
  const temp = `${dir}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(join(temp, 'ranking'), { recursive: true });
  const { twoTower, encoder } = trained;
  const index = candidateIndexArtifact(twoTower.candidateEmbeddings(encoder.encodeMovies(ds)), twoTower.candidateTower.outputDim, options.annThreshold);
  await saveArtifact(join(temp, 'retrieval'), twoTower, { ...index.save, extras: { encoder: encoder.toJSON(), ...index.save.extras }, metrics: trained.metrics });
  const weights = trained.mf.weights();
  const written = await writeWeights(join(temp, 'ranking'), 'weights', MF_WEIGHTS.map((name) => ({ name, shape: [weights[name].length], data: weights[name] })));
  await writeFile(join(temp, 'ranking', 'mf.json'), JSON.stringify(trained.mf.toJSON()));
  await saveTopKModel(join(temp, 'topk'), trained.topK, trained.metrics);
  const files: Record<string, string> = {};
  for (const f of ['retrieval/manifest.json', 'topk/model.json', ...[...written, 'mf.json'].map((name) => `ranking/${name}`)]) files[f] = sha256(await readFile(join(temp, f)));
  const { embeddingDim, mfFactors } = trained.options;
  const manifest: AppManifest = {
    format: FORMAT, formatVersion: FORMAT_VERSION, version, trainedAt: trained.trainedAt, dataset: trained.dataset,
    catalogue: { movies: ds.movies.length, fingerprint: catalogueFingerprint(ds) },
    metrics: trained.metrics, options: trained.options, topK: trained.topKChoice, index: index.info, files,
    description: `recommended for you: ${describeTopK(trained.topKChoice)}; similar movies and users: two-tower (user id / movie id, ${embeddingDim}-d, in-batch softmax); predicted stars: biased MF (ALS, ${mfFactors} factors, fold-in)`,
  };
  await writeFile(join(temp, 'app.json'), JSON.stringify(manifest, null, 2));
  await rename(temp, dir);
  return { dir, manifest };
}

/** "EASE^R (lambda 727), chosen on validation nDCG@10 over ease" for the admin page. */
function describeTopK(choice: TopKChoice): string {
  const hp = Object.entries(choice.hp).map(([k, v]) => `${k} ${typeof v === 'number' ? Number(v.toPrecision(3)) : v}`).join(', ');
  const among = choice.candidates.map((c) => c.family).join(', ');
  return `${choice.className}${hp ? ` (${hp})` : ''}, chosen by validation nDCG@10 among ${among}`;
}

/**
 * Loads and verifies the version in `dir` (starting the tensor engine the towers run on), with its
 * stored candidate index and top-K model. A missing or corrupted file is an error naming it.
 */
export async function loadAppModels(dir: string): Promise<LoadedAppModels> {
  await initEngine();
  const path = join(dir, 'app.json');
  if (!existsSync(path)) throw new Error(`${dir}: not a Maxella app model (no app.json)`);
  const manifest = JSON.parse(await readFile(path, 'utf8')) as AppManifest;
  if (manifest.format !== FORMAT || manifest.formatVersion !== FORMAT_VERSION) {
    throw new Error(`${path}: format ${manifest.format} v${manifest.formatVersion} is not supported (expected ${FORMAT} v${FORMAT_VERSION}; v1 and v2 have no top-K model); retrain with \`maxella train\``);
  }
  for (const [file, expected] of Object.entries(manifest.files)) {
    const full = join(dir, file);
    if (!existsSync(full)) throw new Error(`${full}: missing (listed in app.json)`);
    if (sha256(await readFile(full)) !== expected) throw new Error(`${full}: checksum mismatch (corrupted or modified)`);
  }
  // Naming the class as a value also loads its module, which registers it with loadArtifact.
  const retrieval = await loadArtifact<TwoTowerModel>(join(dir, 'retrieval'), { expectClass: TwoTowerModel.name });
  const encoder = MovieLensEncoder.fromJSON(retrieval.extras.encoder as MovieLensEncoderJSON);
  const named = new Map((await readWeights(join(dir, 'ranking'), 'weights')).map((w) => [w.name, w.data]));
  const mfJson = JSON.parse(await readFile(join(dir, 'ranking', 'mf.json'), 'utf8')) as MatrixFactorizationJSON;
  const mfWeights = Object.fromEntries(MF_WEIGHTS.map((name) => {
    const data = named.get(name);
    if (!data) throw new Error(`${join(dir, 'ranking')}: weight '${name}' is missing`);
    return [name, data];
  })) as unknown as MatrixFactorizationWeights;
  const candidateIndex = await loadCandidateIndex(dir, manifest.index, retrieval);
  const { model: topK } = await loadTopKModel(join(dir, 'topk'));
  return { manifest, dir, encoder, twoTower: retrieval.model, mf: BiasedMatrixFactorization.fromJSON(mfJson, mfWeights), topK, candidateIndex };
}

/** The version `root/current.json` names, or undefined. */
export async function currentVersion(root: string): Promise<string | undefined> {
  const path = join(root, 'current.json');
  if (!existsSync(path)) return undefined;
  return (JSON.parse(await readFile(path, 'utf8')) as { version: string }).version;
}

/** Points `root/current.json` at `version` (atomically). */
export async function setCurrentVersion(root: string, version: string): Promise<void> {
  const path = join(root, 'current.json');
  await writeFile(`${path}.tmp`, JSON.stringify({ version }));
  await rename(`${path}.tmp`, path);
}
