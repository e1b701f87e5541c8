/**
 * The four bench/train workloads built from Maxella's library classes, with the shapes of
 * bench/train/reference.py (its PyTorch twin): each returns a `step()` that does one unit of work
 * on `batch` synthetic examples (a training step, or one top-100 search of `batch` queries).
 */
import type { Columns } from '../../src/features/columns.ts';
import { BruteForce } from '../../src/layers/factorized-top-k.ts';
import { DcnModel } from '../../src/models/dcn.ts';
import { RankingModel } from '../../src/models/ranking.ts';
import { TwoTowerModel } from '../../src/models/two-tower.ts';
import { Ranking, Retrieval } from '../../src/tasks/index.ts';
import { Adagrad, Adam } from '../../src/train/optimizers.ts';
import { Rng } from '../../src/util/random.ts';

/** Workload names, in report order (the same as reference.py's). */
export const WORKLOADS = ['two-tower', 'ranking', 'dcn', 'top100'] as const;
/** One workload name. */
export type WorkloadName = (typeof WORKLOADS)[number];

/** One unit of work; training workloads return the step's loss (checked by the bench: a fast step
 * that does not learn is a bug, not a result). */
export type WorkloadStep = () => number | void;

/** ML-1M's numbers of users and movies. */
export const USERS = 6040;
export const MOVIES = 3706;
/** The DCN tutorial's features with ML-1M vocabulary sizes (+1 OOV), as in reference.py. */
export const DCN_FEATURES = [
  { name: 'movie_id', vocabularySize: MOVIES + 1 },
  { name: 'user_id', vocabularySize: USERS + 1 },
  { name: 'user_gender', vocabularySize: 3 },
  { name: 'user_zip_code', vocabularySize: 3440 },
  { name: 'user_occupation_label', vocabularySize: 22 },
  { name: 'bucketized_user_age', vocabularySize: 8 },
];

function ids(rng: Rng, n: number, vocabulary: number): Int32Array {
  return Int32Array.from({ length: n }, () => rng.int(vocabulary));
}

function ratings(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => 1 + rng.int(5));
}

/** Two-tower in-batch softmax retrieval: user and movie embeddings 64, Adagrad 0.1, sum-reduced loss. */
function twoTower(batch: number, rng: Rng): WorkloadStep {
  const model = new TwoTowerModel({
    query: { name: 'query', embeddings: [{ feature: 'user_id', inputDim: USERS, outputDim: 64 }], seed: 1 },
    candidate: { name: 'candidate', embeddings: [{ feature: 'movie_id', inputDim: MOVIES, outputDim: 64 }], seed: 2 },
  }, new Retrieval());
  model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
  const data: Columns = { length: batch, features: { user_id: ids(rng, batch, USERS), movie_id: ids(rng, batch, MOVIES) } };
  return () => model.trainStep(data).loss;
}

/** Ranking: user and movie embeddings 64 → Dense 256-128-1, MSE, Adagrad 0.1. */
function ranking(batch: number, rng: Rng): WorkloadStep {
  const model = new RankingModel({
    tower: {
      name: 'inputs',
      embeddings: [{ feature: 'user_id', inputDim: USERS, outputDim: 64 }, { feature: 'movie_id', inputDim: MOVIES, outputDim: 64 }],
      seed: 1,
    },
    layers: [256, 128, 1],
    seed: 2,
  }, new Ranking());
  model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
  const data: Columns = {
    length: batch,
    features: { user_id: ids(rng, batch, USERS), movie_id: ids(rng, batch, MOVIES), user_rating: ratings(rng, batch) },
  };
  return () => model.trainStep(data).loss;
}

/** DCN-v2: 6 features × 32 → one full cross layer (192) → Dense 192-192 → 1, MSE, Adam 0.01. */
function dcn(batch: number, rng: Rng): WorkloadStep {
  const model = new DcnModel({
    features: DCN_FEATURES, embeddingDim: 32, structure: 'stacked', crossLayers: 1, deepLayers: [192, 192],
    label: 'user_rating', seed: 1,
  });
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }) });
  const features: Columns['features'] = { user_rating: ratings(rng, batch) };
  for (const f of DCN_FEATURES) features[f.name] = ids(rng, batch, f.vocabularySize);
  const data: Columns = { length: batch, features };
  return () => model.trainStep(data).loss;
}

/** Brute-force top-100 over 3,706 × 64 candidates, `batch` queries per search. */
function top100(batch: number, rng: Rng): WorkloadStep {
  const index = new BruteForce();
  index.index(Float32Array.from({ length: MOVIES * 64 }, () => rng.normal()), 64);
  const queries = Float32Array.from({ length: batch * 64 }, () => rng.normal());
  return () => void index.search(queries, 100);
}

const BUILDERS: Record<WorkloadName, (batch: number, rng: Rng) => WorkloadStep> = { 'two-tower': twoTower, ranking, dcn, top100 };

/** Builds one workload's step function (weights and data are fixed by `seed`). */
export function buildWorkload(name: WorkloadName, batch: number, seed = 0): WorkloadStep {
  return BUILDERS[name](batch, new Rng(seed));
}

/** Checks a comma-separated list of workload names. */
export function parseWorkloads(list: string): WorkloadName[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(WORKLOADS as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`unknown workload(s) ${unknown.join(', ')}; expected some of ${WORKLOADS.join(', ')}`);
  return names as WorkloadName[];
}
