/**
 * `FeatureTower`: turns named feature columns of a batch into one dense vector per row —
 * embeddings of Int32 id columns, mean-pooled `EmbeddingBag`s of Ragged columns and raw Float32
 * numeric columns, concatenated in that order, then an optional MLP. Use it as a query tower, a
 * candidate tower, or the input block of a ranking model.
 */
import { tf } from '../engine/index.ts';
import type { Column, Columns } from '../features/columns.ts';
import { isRagged, takeRows } from '../features/columns.ts';
import { sumLosses, type Layer } from '../layers/layer.ts';
import { concatenatedRows, Embedding, EmbeddingBag } from '../layers/embedding.ts';
import { MLP } from '../layers/mlp.ts';
import type { Activation } from '../layers/activations.ts';
import { deriveSeed, seedFromString } from '../layers/initializers.ts';

/** One embedded feature: the column name, its vocabulary size (incl. slot 0) and the dimension. */
export interface EmbeddedFeature {
  feature: string;
  inputDim: number;
  outputDim: number;
}

/** Options of `FeatureTower` (JSON, so towers save in artifacts). */
export interface FeatureTowerConfig {
  name: string;
  /** Int32 id columns, one embedding row per id. */
  embeddings?: EmbeddedFeature[];
  /** Ragged id columns (0 = padding), mean-pooled. */
  bags?: EmbeddedFeature[];
  /** Float32 columns appended as they are (normalise them beforehand). */
  numeric?: string[];
  /** Sizes of an MLP applied to the concatenation (the last is the tower's output width). */
  layers?: number[];
  /** Hidden activation of the MLP (default relu; the last layer is linear). */
  activation?: Activation;
  dropout?: number;
  l2?: number;
  /** Base seed of the weights (combined with the tower name, so two towers never start alike). */
  seed?: number;
}

function column(batch: Columns, feature: string, tower: string): Column {
  const c = batch.features[feature];
  if (!c) throw new Error(`${tower}: the batch has no column '${feature}' (columns: ${Object.keys(batch.features).join(', ')})`);
  return c;
}

/** A tower over named features; see the file comment. */
export class FeatureTower implements Layer {
  readonly name: string;
  readonly config: FeatureTowerConfig;
  private readonly idEmbeddings: Embedding[];
  private readonly bagEmbeddings: EmbeddingBag[];
  readonly mlp: MLP | undefined;
  /** Width of the concatenated features (the MLP's input). */
  readonly inputWidth: number;

  constructor(config: FeatureTowerConfig) {
    this.config = config;
    this.name = config.name;
    const seed = deriveSeed(config.seed ?? 0, seedFromString(this.name));
    const specs = [...(config.embeddings ?? []), ...(config.bags ?? [])];
    if (specs.length === 0 && (config.numeric ?? []).length === 0) throw new Error(`${this.name}: a tower needs at least one feature`);
    this.idEmbeddings = (config.embeddings ?? []).map(
      (e, i) => new Embedding({ inputDim: e.inputDim, outputDim: e.outputDim, name: `${this.name}/${e.feature}`, seed: deriveSeed(seed, i) }),
    );
    this.bagEmbeddings = (config.bags ?? []).map(
      (e, i) => new EmbeddingBag({ inputDim: e.inputDim, outputDim: e.outputDim, name: `${this.name}/${e.feature}`, seed: deriveSeed(seed, 100 + i) }),
    );
    this.inputWidth = specs.reduce((n, e) => n + e.outputDim, 0) + (config.numeric ?? []).length;
    this.mlp = config.layers?.length
      ? new MLP(config.layers, {
          inputDim: this.inputWidth,
          activation: config.activation ?? 'relu',
          dropout: config.dropout,
          l2: config.l2,
          name: `${this.name}/mlp`,
          seed: deriveSeed(seed, 1000),
        })
      : undefined;
  }

  /** Width of the tower's output. */
  get outputDim(): number {
    return this.config.layers?.length ? this.config.layers[this.config.layers.length - 1] : this.inputWidth;
  }

  /** The tower's output for `batch`: rows × outputDim, differentiable. */
  apply(batch: Columns, training = false): tf.Tensor2D {
    const parts: tf.Tensor2D[] = [];
    const ids = (this.config.embeddings ?? []).map((spec) => {
      const c = column(batch, spec.feature, this.name);
      if (!(c instanceof Int32Array)) throw new Error(`${this.name}: column '${spec.feature}' must be Int32 ids for an embedding`);
      return c;
    });
    if (ids.length) parts.push(concatenatedRows(this.idEmbeddings, ids));
    (this.config.bags ?? []).forEach((spec, i) => {
      const c = column(batch, spec.feature, this.name);
      if (!isRagged(c)) throw new Error(`${this.name}: column '${spec.feature}' must be Ragged for an embedding bag`);
      parts.push(this.bagEmbeddings[i].apply(c));
    });
    const numeric = this.config.numeric ?? [];
    if (numeric.length) {
      const values = new Float32Array(batch.length * numeric.length);
      numeric.forEach((name, j) => {
        const c = column(batch, name, this.name);
        if (!(c instanceof Float32Array)) throw new Error(`${this.name}: numeric column '${name}' must be Float32`);
        for (let r = 0; r < batch.length; r++) values[r * numeric.length + j] = c[r];
      });
      parts.push(tf.tensor2d(values, [batch.length, numeric.length]));
    }
    const features = parts.length === 1 ? parts[0] : tf.concat(parts, 1);
    return this.mlp ? this.mlp.apply(features, training) : features;
  }

  /** The embedding of `feature` (Int32 or bag), e.g. to inspect or export its table. */
  embeddingOf(feature: string): Embedding | undefined {
    const i = (this.config.embeddings ?? []).findIndex((e) => e.feature === feature);
    if (i >= 0) return this.idEmbeddings[i];
    const j = (this.config.bags ?? []).findIndex((e) => e.feature === feature);
    return j >= 0 ? this.bagEmbeddings[j].table : undefined;
  }

  /** Names of the columns this tower reads. */
  features(): string[] {
    const c = this.config;
    return [...(c.embeddings ?? []), ...(c.bags ?? [])].map((e) => e.feature).concat(c.numeric ?? []);
  }

  regularizationLoss(): tf.Scalar | undefined {
    return sumLosses([this.mlp?.regularizationLoss()]);
  }

  applyConstraints(): void {
    this.mlp?.applyConstraints();
  }

  variables(): tf.Variable[] {
    return this.mlp ? this.mlp.variables() : [];
  }

  embeddings(): Embedding[] {
    return [...this.idEmbeddings, ...this.bagEmbeddings.map((b) => b.table)];
  }

  getConfig(): FeatureTowerConfig {
    return structuredClone(this.config);
  }
}

/** Runs `f` over `data` in batches and concatenates the rows of its outputs (rows × width). */
export function mapBatches(data: Columns, batchSize: number, width: number, f: (batch: Columns) => tf.Tensor2D): Float32Array {
  const out = new Float32Array(data.length * width);
  for (let start = 0; start < data.length; start += batchSize) {
    const end = Math.min(start + batchSize, data.length);
    const rows = new Int32Array(end - start).map((_, i) => start + i);
    const values = tf.tidy(() => f(takeRows(data, rows)).dataSync() as Float32Array);
    out.set(values, start * width);
  }
  return out;
}
