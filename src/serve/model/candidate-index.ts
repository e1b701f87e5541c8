/**
 * The retrieval stage's candidate index inside the app's retrieval artifact: built at training time
 * over the candidate tower's movie embeddings (catalogue row order, ids = rows), stored as the
 * artifact's `candidates` extra (BruteForce bytes, or `IvfIndex` bytes above ANN_THRESHOLD movies:
 * `extras/candidates.bin`; older artifacts may hold a usearch graph, `files/candidates` +
 * `files/candidates.json` + `files/candidates.f32`, or an hnswlib one, `files/candidates` + `.json`),
 * checksummed by the artifact's manifest, and loaded, not rebuilt, when serving starts.
 */
import { BruteForce, HnswIndex, UsearchIndex } from '../../layers/factorized-top-k.ts';
import { IvfIndex } from '../../layers/ivf-index.ts';
import type { LoadedArtifact, SaveArtifactOptions } from '../../train/artifact.ts';
import { buildTopKIndex, searchOver, type BuiltIndex, type IndexKind, type NearestSearch } from '../recommender/neighbours.ts';

/** Name of the index inside the retrieval artifact. */
const CANDIDATES = 'candidates';

/** How `app.json` describes the stored candidate index. */
export interface CandidateIndexInfo {
  kind: IndexKind;
  /** Indexed movies (= catalogue rows). */
  rows: number;
  dim: number;
  /** Where it lies in the version folder. */
  files: string[];
}

/** The candidate index over `movieEmbeddings` and the artifact options that store it. */
export function candidateIndexArtifact(movieEmbeddings: Float32Array, dim: number, annThreshold?: number): { info: CandidateIndexInfo; save: SaveArtifactOptions } {
  const built = buildTopKIndex(movieEmbeddings, dim, { annThreshold });
  const info = { kind: built.kind, rows: built.size, dim };
  const { index } = built;
  if (index instanceof BruteForce || index instanceof IvfIndex) return { info: { ...info, files: [`retrieval/extras/${CANDIDATES}.bin`] }, save: { extras: { [CANDIDATES]: index.toBytes() } } };
  throw new Error(`candidateIndexArtifact: cannot store a ${built.kind} index`);
}

/** The candidate index `info` describes, from the verified retrieval artifact; throws when it is absent or does not match. */
export async function loadCandidateIndex(dir: string, info: CandidateIndexInfo, retrieval: LoadedArtifact): Promise<NearestSearch> {
  let built: BuiltIndex;
  if (info.kind === 'hnsw' || info.kind === 'usearch') {
    const path = retrieval.extraFiles[CANDIDATES];
    if (!path) throw new Error(`${dir}: app.json lists a ${info.kind} candidate index but retrieval/manifest.json has no '${CANDIDATES}' file`);
    const index = info.kind === 'usearch' ? await UsearchIndex.load(path) : await HnswIndex.load(path);
    if (index instanceof UsearchIndex && index.size !== info.rows) throw new Error(`${dir}: candidate index holds ${index.size} movies, app.json says ${info.rows}`);
    built = { index, kind: info.kind, size: info.rows };
  } else {
    const bytes = retrieval.extras[CANDIDATES];
    if (!(bytes instanceof Uint8Array)) throw new Error(`${dir}: app.json lists a ${info.kind} candidate index but retrieval/manifest.json has no binary extra '${CANDIDATES}'`);
    const index = info.kind === 'ivf' ? IvfIndex.fromBytes(bytes) : BruteForce.fromBytes(bytes, 'js');
    if (index.size !== info.rows) throw new Error(`${dir}: candidate index holds ${index.size} movies, app.json says ${info.rows}`);
    built = { index, kind: info.kind, size: index.size };
  }
  return searchOver(built);
}
