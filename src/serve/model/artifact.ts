/**
 * The app's model artifact: one folder per version under an artifact root, holding the two-tower
 * retrieval model (a Maxella artifact, encoder and candidate index included) and the
 * matrix-factorization ranking model, described and checksummed by `app.json`:
 *
 * ```
 * <version>/app.json                    format, version, catalogue, metrics, options, index, files: { path: sha256 }
 * <version>/retrieval/manifest.json     the two-tower artifact (sha256 in app.json; it checksums the files below)
 * <version>/retrieval/weights.{bin,json}
 * <version>/retrieval/extras/encoder.json
 * <version>/retrieval/extras/candidates.bin          BruteForce index (catalogues up to ANN_THRESHOLD movies)
 * <version>/retrieval/files/candidates{,.json}       or the HNSW graph + sidecar (larger catalogues)
 * <version>/ranking/weights.{bin,json}, mf.json      the MF model (sha256 in app.json)
 * ```
 * Format v1 folders (no stored index) still load; their index is built at start with a warning. `current.json` in the root names the version in use; both
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
import { TwoTowerModel } from '../../models/two-tower.ts';
import { loadArtifact, saveArtifact } from '../../train/artifact.ts';
import { readWeights, writeWeights } from '../../train/weights-file.ts';
import type { NearestSearch } from '../recommender/neighbours.ts';
import { candidateIndexArtifact, loadCandidateIndex, type CandidateIndexInfo } from './candidate-index.ts';
import type { AppTrainingOptions, TrainedAppModels } from './train.ts';

const FORMAT = 'maxella.app-models';
/** v2 stores the candidate index and checksums retrieval/manifest.json; v1 had neither. */
const FORMAT_VERSION = 2;
const READABLE_VERSIONS = [1, 2];
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
  /** The stored candidate index (v2). */
  index?: CandidateIndexInfo;
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
  /** The candidate index stored at training time; undefined for v1 folders (the recommender builds one). */
  candidateIndex?: NearestSearch;
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
  const files: Record<string, string> = {};
  for (const f of ['retrieval/manifest.json', ...[...written, 'mf.json'].map((name) => `ranking/${name}`)]) files[f] = sha256(await readFile(join(temp, f)));
  const { embeddingDim, mfFactors } = trained.options;
  const manifest: AppManifest = {
    format: FORMAT, formatVersion: FORMAT_VERSION, version, trainedAt: trained.trainedAt, dataset: trained.dataset,
    catalogue: { movies: ds.movies.length, fingerprint: catalogueFingerprint(ds) },
    metrics: trained.metrics, options: trained.options, index: index.info, files,
    description: `two-tower retrieval (user id / movie id, ${embeddingDim}-d, in-batch softmax) → biased MF ranking (ALS, ${mfFactors} factors, fold-in)`,
  };
  await writeFile(join(temp, 'app.json'), JSON.stringify(manifest, null, 2));
  await rename(temp, dir);
  return { dir, manifest };
}

/**
 * Loads and verifies the version in `dir` (starting the tensor engine the towers run on), with its
 * stored candidate index. A missing or corrupted file (index included) is an error naming it; a v1
 * folder, which has no index, loads with a `warn`ing and its index is built at start.
 */
export async function loadAppModels(dir: string, warn: (line: string) => void = console.warn): Promise<LoadedAppModels> {
  await initEngine();
  const path = join(dir, 'app.json');
  if (!existsSync(path)) throw new Error(`${dir}: not a Maxella app model (no app.json)`);
  const manifest = JSON.parse(await readFile(path, 'utf8')) as AppManifest;
  if (manifest.format !== FORMAT || !READABLE_VERSIONS.includes(manifest.formatVersion)) {
    throw new Error(`${path}: format ${manifest.format} v${manifest.formatVersion} is not supported (expected ${FORMAT} v${READABLE_VERSIONS.join(' or v')})`);
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
  let candidateIndex: NearestSearch | undefined;
  if (manifest.index) candidateIndex = await loadCandidateIndex(dir, manifest.index, retrieval);
  else warn(`maxella: ${dir} (app model format v${manifest.formatVersion}) has no stored candidate index; building it now (retrain to store one)`);
  return { manifest, dir, encoder, twoTower: retrieval.model, mf: BiasedMatrixFactorization.fromJSON(mfJson, mfWeights), candidateIndex };
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
