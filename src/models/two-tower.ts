/**
 * `TwoTowerModel`: TFRS basic/deep retrieval. A query tower and a candidate tower map a batch's
 * columns to embeddings; the `Retrieval` task scores every query against every candidate of the
 * batch (in-batch softmax) and reports factorized top-K metrics in `evaluate`.
 *
 * For top-K lists two additions help (Yang et al., "Mixed Negative Sampling", WWW 2020): extra
 * negatives drawn uniformly from the whole catalogue each step (`extraNegatives`, from the pool given
 * to `setCandidatePool`), so niche movies are pushed down too, and an L2 penalty on the embeddings a
 * batch uses (`embeddingL2`). With the logQ correction on, every column is corrected by the mixture it
 * was drawn from: q_j ∝ B · p_j + M / N for B in-batch and M uniform negatives over N movies.
 */
import { tf } from '../engine/index.ts';
import { takeRows, type Columns } from '../features/columns.ts';
import { Rng } from '../util/random.ts';
import { Model, type MetricsTask } from './model.ts';
import { FeatureTower, mapBatches, type FeatureTowerConfig } from './towers.ts';
import { registerModel } from '../train/artifact.ts';
import { EmbeddingLists } from './embedding-lists.ts';

/** What TwoTowerModel needs from a retrieval task (src/tasks `Retrieval`). */
export interface RetrievalTaskLike extends MetricsTask {
  call(
    queryEmbeddings: tf.Tensor2D,
    candidateEmbeddings: tf.Tensor2D,
    options?: { candidateIds?: Int32Array; candidateSamplingProbability?: Float32Array; computeMetrics?: boolean },
  ): tf.Scalar;
}

/** Options of `TwoTowerModel`. */
export interface TwoTowerConfig {
  query: FeatureTowerConfig;
  candidate: FeatureTowerConfig;
  /** Column holding the candidate's id, passed to the task as `candidateIds` (accidental hits). */
  candidateIdFeature?: string;
  /**
   * Float column holding each row's candidate sampling probability (e.g. its share of the training
   * rows), passed to the task for the logQ correction of in-batch negatives (Yi et al., RecSys 2019).
   */
  samplingProbabilityFeature?: string;
  /** Uniform negatives from the candidate pool added to every training batch (default 0: in-batch only). */
  extraNegatives?: number;
  /** Seed of the extra-negative sampler (default 0). */
  extraNegativesSeed?: number;
  /** Weight of Σ |embedding|² over the batch's query and candidate embeddings, added to the loss (default 0). */
  embeddingL2?: number;
}

/** The catalogue extra negatives are drawn from (see `setCandidatePool`). */
interface CandidatePool {
  columns: Columns;
  ids: Int32Array | undefined;
  samplingProbability: Float32Array | undefined;
}

/** Two-tower retrieval model; `task` may be set later (a loaded artifact has none). */
export class TwoTowerModel extends Model {
  readonly config: TwoTowerConfig;
  readonly queryTower: FeatureTower;
  readonly candidateTower: FeatureTower;
  task: RetrievalTaskLike | undefined;
  /** Called by `evaluate` before its first batch, e.g. to index all candidates for top-K metrics. */
  beforeEvaluateHook: ((model: TwoTowerModel) => void) | undefined;
  private pool: CandidatePool | undefined;
  private readonly negativeRng: Rng;

  constructor(config: TwoTowerConfig, task?: RetrievalTaskLike) {
    super();
    this.config = config;
    this.queryTower = this.track(new FeatureTower(config.query));
    this.candidateTower = this.track(new FeatureTower(config.candidate));
    if (this.queryTower.outputDim !== this.candidateTower.outputDim) {
      throw new Error(`TwoTowerModel: query tower width ${this.queryTower.outputDim} differs from candidate tower width ${this.candidateTower.outputDim}`);
    }
    if (task) this.task = this.trackTask(task);
    this.negativeRng = new Rng(config.extraNegativesSeed ?? 0);
  }

  /**
   * The candidate table extra negatives are drawn from (e.g. every movie's features) and, when the
   * logQ correction is on, each row's in-batch sampling probability (its share of the training rows).
   */
  setCandidatePool(columns: Columns, samplingProbability?: Float32Array): void {
    if (columns.length === 0) throw new Error('TwoTowerModel.setCandidatePool: the pool is empty');
    if (this.config.samplingProbabilityFeature && samplingProbability?.length !== columns.length) {
      throw new Error(`TwoTowerModel.setCandidatePool: with samplingProbabilityFeature set, give one sampling probability per pool row (${columns.length}), got ${samplingProbability?.length ?? 'none'}`);
    }
    const ids = this.config.candidateIdFeature ? columns.features[this.config.candidateIdFeature] : undefined;
    this.pool = { columns, ids: ids instanceof Int32Array ? ids : undefined, samplingProbability };
  }

  /** Sets (or replaces) the retrieval task. */
  setTask(task: RetrievalTaskLike): void {
    this.task = this.trackTask(task);
  }

  computeLoss(batch: Columns, training: boolean): tf.Scalar {
    if (!this.task) throw new Error('TwoTowerModel: no retrieval task (pass one to the constructor or call setTask)');
    const queries = this.queryTower.apply(batch, training);
    const candidates = this.candidateTower.apply(batch, training);
    const ids = this.config.candidateIdFeature ? batch.features[this.config.candidateIdFeature] : undefined;
    const probability = this.config.samplingProbabilityFeature ? batch.features[this.config.samplingProbabilityFeature] : undefined;
    if (this.config.samplingProbabilityFeature && !(probability instanceof Float32Array)) {
      throw new Error(`TwoTowerModel: samplingProbabilityFeature '${this.config.samplingProbabilityFeature}' must be a Float32Array column of the batch`);
    }
    const extra = training ? this.config.extraNegatives ?? 0 : 0;
    let call = { candidates, ids: ids instanceof Int32Array ? ids : undefined, probability: probability as Float32Array | undefined };
    if (extra > 0) call = this.withExtraNegatives(call, extra, training);
    const loss = this.task.call(queries, call.candidates, { candidateIds: call.ids, candidateSamplingProbability: call.probability, computeMetrics: !training });
    const l2 = this.config.embeddingL2 ?? 0;
    if (!(l2 > 0)) return loss;
    return tf.tidy(() => tf.add(loss, tf.mul(l2, tf.add(tf.sum(tf.square(queries)), tf.sum(tf.square(call.candidates)))))) as tf.Scalar;
  }

  /** Appends `count` uniform pool rows as negatives, with their ids and mixture sampling probabilities. */
  private withExtraNegatives(
    batch: { candidates: tf.Tensor2D; ids: Int32Array | undefined; probability: Float32Array | undefined },
    count: number,
    training: boolean,
  ): { candidates: tf.Tensor2D; ids: Int32Array | undefined; probability: Float32Array | undefined } {
    const pool = this.pool;
    if (!pool) throw new Error('TwoTowerModel: extraNegatives needs a candidate pool (call setCandidatePool first)');
    const rows = Int32Array.from({ length: count }, () => this.negativeRng.int(pool.columns.length));
    const negatives = this.candidateTower.apply(takeRows(pool.columns, rows), training);
    const candidates = tf.concat([batch.candidates, negatives], 0) as tf.Tensor2D;
    const ids = batch.ids && pool.ids ? Int32Array.from([...batch.ids, ...Array.from(rows, (r) => pool.ids![r])]) : undefined;
    let probability: Float32Array | undefined;
    if (batch.probability) {
      const b = batch.probability.length;
      const uniform = count / (b * pool.columns.length);
      probability = Float32Array.from([...batch.probability, ...Array.from(rows, (r) => pool.samplingProbability![r])], (p) => p + uniform);
    }
    return { candidates, ids, probability };
  }

  protected override beforeEvaluate(): void {
    this.beforeEvaluateHook?.(this);
  }

  /** Query embeddings of every row of `columns` (rows × dim, row-major). */
  queryEmbeddings(columns: Columns, batchSize = 4096): Float32Array {
    return mapBatches(columns, batchSize, this.queryTower.outputDim, (b) => this.queryTower.apply(b, false));
  }

  /** Candidate embeddings of every row of `columns` (rows × dim, row-major). */
  candidateEmbeddings(columns: Columns, batchSize = 4096): Float32Array {
    return mapBatches(columns, batchSize, this.candidateTower.outputDim, (b) => this.candidateTower.apply(b, false));
  }

  /**
   * The model's lists as a top-K recommender over `users` × `movies` rows (dot products of their
   * embeddings, brute force), for `evaluateTopK` and `TopKValidation`. Training users only: a user
   * the query tower has not seen is folded in by the app (src/serve), not here.
   */
  topKLists(users: Columns, movies: Columns): EmbeddingLists {
    const dim = this.queryTower.outputDim;
    return new EmbeddingLists({ numUsers: users.length, numMovies: movies.length, dim }, this.queryEmbeddings(users), this.candidateEmbeddings(movies));
  }

  getConfig(): TwoTowerConfig {
    return structuredClone(this.config);
  }
}

registerModel('TwoTowerModel', (config: TwoTowerConfig) => new TwoTowerModel(config));
