/**
 * `TwoTowerModel`: TFRS basic/deep retrieval. A query tower and a candidate tower map a batch's
 * columns to embeddings; the `Retrieval` task scores every query against every candidate of the
 * batch (in-batch softmax) and reports factorized top-K metrics in `evaluate`.
 */
import type { tf } from '../engine/index.ts';
import type { Columns } from '../features/columns.ts';
import { Model, type MetricsTask } from './model.ts';
import { FeatureTower, mapBatches, type FeatureTowerConfig } from './towers.ts';
import { registerModel } from '../train/artifact.ts';

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
}

/** Two-tower retrieval model; `task` may be set later (a loaded artifact has none). */
export class TwoTowerModel extends Model {
  readonly config: TwoTowerConfig;
  readonly queryTower: FeatureTower;
  readonly candidateTower: FeatureTower;
  task: RetrievalTaskLike | undefined;
  /** Called by `evaluate` before its first batch, e.g. to index all candidates for top-K metrics. */
  beforeEvaluateHook: ((model: TwoTowerModel) => void) | undefined;

  constructor(config: TwoTowerConfig, task?: RetrievalTaskLike) {
    super();
    this.config = config;
    this.queryTower = this.track(new FeatureTower(config.query));
    this.candidateTower = this.track(new FeatureTower(config.candidate));
    if (this.queryTower.outputDim !== this.candidateTower.outputDim) {
      throw new Error(`TwoTowerModel: query tower width ${this.queryTower.outputDim} differs from candidate tower width ${this.candidateTower.outputDim}`);
    }
    if (task) this.task = this.trackTask(task);
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
    return this.task.call(queries, candidates, {
      candidateIds: ids instanceof Int32Array ? ids : undefined,
      candidateSamplingProbability: probability as Float32Array | undefined,
      computeMetrics: !training,
    });
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

  getConfig(): TwoTowerConfig {
    return structuredClone(this.config);
  }
}

registerModel('TwoTowerModel', (config: TwoTowerConfig) => new TwoTowerModel(config));
