/**
 * DCN-v2 ranking (TFRS "Deep & Cross Network" tutorial, as the seeds used it): every categorical
 * feature is embedded (same size), the embeddings are concatenated into x0, then
 *
 * - `stacked`:  x0 → Cross × n → Dense stack → 1
 * - `parallel`: [Cross × n (x0) ; Dense stack (x0)] → 1
 * - `deep`:     x0 → Dense stack → 1 (the DNN baseline, no cross layer)
 *
 * Cross layers may be low-rank (`projectionDim`). `featureImportance()` is the tutorial's heatmap: the
 * Frobenius norm of each (feature i, feature j) block of the first cross layer's d × d kernel.
 */
import { tf } from '../engine/index.ts';
import type { Columns } from '../features/columns.ts';
import { Cross } from '../layers/cross.ts';
import { Dense } from '../layers/dense.ts';
import { deriveSeed } from '../layers/initializers.ts';
import { MLP } from '../layers/mlp.ts';
import { Ranking } from '../tasks/index.ts';
import { registerModel } from '../train/artifact.ts';
import { labelTensor } from './column-access.ts';
import { Model } from './model.ts';
import { FeatureTower } from './towers.ts';

/** How the cross and deep networks are combined. */
export type DcnStructure = 'stacked' | 'parallel' | 'deep';

/** Configuration of a `DcnModel`. */
export interface DcnConfig {
  /** Categorical features (Int32 id columns) and their vocabulary sizes, in input order. */
  features: { name: string; vocabularySize: number }[];
  /** Embedding size of every feature (the tutorial: 32). */
  embeddingDim: number;
  structure: DcnStructure;
  /** Number of stacked cross layers (ignored for `deep`). */
  crossLayers: number;
  /** Rank of low-rank cross layers; omit for full rank. */
  projectionDim?: number;
  /** Hidden units of the deep network (the tutorial: [192, 192]). */
  deepLayers: number[];
  /** The label column (the tutorial: `user_rating`). */
  label: string;
  seed: number;
}

/** The cross-feature importance heatmap: `norms[i][j]` for feature i × feature j. */
export interface FeatureImportance {
  features: string[];
  norms: number[][];
}

/** A DCN-v2 (or plain DNN) rating model with the Ranking task (MSE, RMSE). */
export class DcnModel extends Model {
  readonly config: DcnConfig;
  /** The embedding block: x0 = the concatenated feature embeddings. */
  readonly inputs: FeatureTower;
  private readonly crosses: Cross[];
  private readonly deep: MLP | undefined;
  private readonly head: Dense;
  private readonly task = this.trackTask(new Ranking());

  constructor(config: DcnConfig) {
    super();
    if (config.features.length === 0) throw new Error('DcnModel: needs at least one feature');
    this.config = config;
    const { embeddingDim, seed } = config;
    this.inputs = this.track(new FeatureTower({
      name: 'dcn_inputs', seed: deriveSeed(seed, 0),
      embeddings: config.features.map((f) => ({ feature: f.name, inputDim: f.vocabularySize, outputDim: embeddingDim })),
    }));
    const d = this.inputs.outputDim;
    const crossCount = config.structure === 'deep' ? 0 : config.crossLayers;
    this.crosses = Array.from({ length: crossCount }, (_, i) => this.track(new Cross({
      inputDim: d, projectionDim: config.projectionDim, name: `cross_${i}`, seed: deriveSeed(seed, 100 + i),
    })));
    this.deep = config.deepLayers.length
      ? this.track(new MLP(config.deepLayers, { finalActivation: 'relu', name: 'deep', seed: deriveSeed(seed, 200) }))
      : undefined;
    this.head = this.track(new Dense({ units: 1, name: 'rating', seed: deriveSeed(seed, 300) }));
  }

  /** Predicted ratings, batch × 1. */
  call(batch: Columns, training = false): tf.Tensor2D {
    const x0 = this.inputs.apply(batch, training);
    let cross = x0;
    for (const layer of this.crosses) cross = layer.apply(x0, cross);
    let out: tf.Tensor2D;
    if (this.config.structure === 'parallel') {
      const parts = this.deep ? [cross, this.deep.apply(x0, training)] : [cross];
      out = parts.length > 1 ? (tf.concat(parts, 1) as tf.Tensor2D) : parts[0];
    } else {
      out = this.deep ? this.deep.apply(cross, training) : cross;
    }
    return this.head.apply(out);
  }

  computeLoss(batch: Columns, training: boolean): tf.Scalar {
    return this.task.call(labelTensor(batch, this.config.label), this.call(batch, training), { computeMetrics: !training });
  }

  /**
   * Frobenius norms of the feature-pair blocks of the first cross layer's kernel (the TFRS DCN
   * tutorial's "visualizing the weights" heatmap). Needs a model with a cross layer.
   */
  featureImportance(): FeatureImportance {
    const first = this.crosses[0];
    if (!first) throw new Error('DcnModel.featureImportance: this model has no cross layer (structure "deep")');
    const kernel = first.fullKernel();
    const k = this.config.embeddingDim;
    const n = this.config.features.length;
    const d = n * k;
    const norms = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
      let sq = 0;
      for (let r = i * k; r < (i + 1) * k; r++) for (let c = j * k; c < (j + 1) * k; c++) sq += kernel[r * d + c] ** 2;
      return Math.sqrt(sq);
    }));
    return { features: this.config.features.map((f) => f.name), norms };
  }

  getConfig(): DcnConfig {
    return this.config;
  }
}

registerModel('DcnModel', (config: DcnConfig) => new DcnModel(config));
