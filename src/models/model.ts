/**
 * `Model`, the base class of every Maxella model (TFRS `tfrs.models.Model`).
 *
 * A subclass builds its layers and tasks in its constructor, registers them with `track(...)` and
 * `trackTask(...)`, and implements `computeLoss(batch, training)`: the scalar loss of one batch (a
 * `Columns` table of the batch rows), usually by calling its task with `{ computeMetrics: !training }`.
 * The base class does the rest: `compile({ optimizer })`, `trainStep`, `fit`, `evaluate`, and the
 * weight list used by artifacts and checkpoints.
 *
 * ```ts
 * class MyModel extends Model {
 *   user = this.track(new Embedding({ inputDim: 944, outputDim: 32, seed: 1 }));
 *   computeLoss(batch: Columns, training: boolean) { ... return this.task.call(labels, preds, { computeMetrics: !training }); }
 *   getConfig() { return {...}; }
 * }
 * ```
 */
import { tf } from '../engine/index.ts';
import type { Columns } from '../features/columns.ts';
import { takeRows } from '../features/columns.ts';
import { collectEmbeddings, collectVariables, sumLosses, type Layer } from '../layers/layer.ts';
import type { Embedding } from '../layers/embedding.ts';
import type { Optimizer } from '../train/optimizers.ts';
import type { Callback, Logs } from '../train/callback.ts';
import { epochOrder } from '../train/batching.ts';

/** What `Model` needs from a task (TFRS `Retrieval` / `Ranking`) to report metrics. */
export interface MetricsTask {
  resetMetrics(): void;
  metricResults(): Record<string, number>;
}

/** A named weight array (dense variable values or an embedding table), for artifacts/checkpoints. */
export interface NamedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Options of `Model.fit`. */
export interface FitOptions {
  /** Defaults to 1. */
  epochs?: number;
  /** Defaults to 32 (Keras). */
  batchSize?: number;
  /** Reshuffle the rows every epoch; defaults to true. */
  shuffle?: boolean;
  /** Seed of the shuffling; defaults to 0. */
  seed?: number;
  /** Evaluated after every `validationFreq`-th epoch; results are logged as `val_<name>`. */
  validationData?: Columns;
  validationFreq?: number;
  /** Batch size of validation; defaults to `batchSize`. */
  validationBatchSize?: number;
  callbacks?: Callback[];
}

/** What `fit` returns: the logs of every epoch, and per-name series (Keras `History.history`). */
export interface History {
  epochs: Logs[];
  history: Record<string, number[]>;
}

/** Where training stands; checkpoints save and restore it so `fit` can resume mid-run. */
export interface TrainingState {
  /** Epoch in progress (0-based). */
  epoch: number;
  /** Batches of that epoch already done. */
  batchInEpoch: number;
  /** Steps done in total. */
  step: number;
}

/** The base class: see the file comment. */
export abstract class Model {
  /** The compiled optimizer (set by `compile`). */
  optimizer: Optimizer | undefined;
  /** Set to true (e.g. by a callback) to end `fit` after the current epoch. */
  stopTraining = false;
  /** Progress of training (restored by `Checkpoint` for resumes). */
  trainingState: TrainingState = { epoch: 0, batchInEpoch: 0, step: 0 };
  private readonly trackedLayers: Layer[] = [];
  private readonly trackedTasks: MetricsTask[] = [];
  /** Whether the first step already ran (lazily built layers have their weights). */
  private built = false;

  /** The loss of one batch; `training` turns on dropout and (by convention) turns off metrics. */
  abstract computeLoss(batch: Columns, training: boolean): tf.Scalar;

  /** A JSON description from which the registered factory rebuilds the model (see artifact.ts). */
  abstract getConfig(): object;

  /** The class name artifacts record; defaults to the JS class name. */
  get className(): string {
    return this.constructor.name;
  }

  /** Registers a layer (its weights train and save); returns it for `x = this.track(new …)`. */
  protected track<T extends Layer>(layer: T): T {
    this.trackedLayers.push(layer);
    return layer;
  }

  /** Registers a task whose metrics `evaluate` reports; returns it. */
  protected trackTask<T extends MetricsTask>(task: T): T {
    this.trackedTasks.push(task);
    return task;
  }

  /** The registered layers, in registration order. */
  layers(): Layer[] {
    return [...this.trackedLayers];
  }

  /** Dense trainable variables of all layers (not embedding tables), in a stable order. */
  trainableVariables(): tf.Variable[] {
    return collectVariables(this.trackedLayers);
  }

  /** Embedding tables of all layers, each once. */
  embeddings(): Embedding[] {
    return collectEmbeddings(this.trackedLayers);
  }

  /** Sum of the layers' regularization penalties (undefined when none). */
  regularizationLoss(): tf.Scalar | undefined {
    return sumLosses(this.trackedLayers.map((l) => l.regularizationLoss?.()));
  }

  /** Sets the optimizer. */
  compile(options: { optimizer: Optimizer }): this {
    this.optimizer = options.optimizer;
    return this;
  }

  /**
   * Runs one forward pass without gradients so lazily built layers create their weights (needed
   * before the first gradient step; `trainStep` calls it once by itself).
   */
  build(sample: Columns): void {
    tf.tidy(() => {
      this.computeLoss(sample, true);
    });
    for (const e of this.embeddings()) e.clearGradients();
    for (const t of this.trackedTasks) t.resetMetrics();
  }

  /** One optimizer step on `batch`; returns `{ loss }` (including regularization), as numbers. */
  trainStep(batch: Columns): Logs {
    const optimizer = this.optimizer;
    if (!optimizer) throw new Error(`${this.className}: call compile({ optimizer }) before training`);
    if (!this.built) {
      // A layer without weights may be one that creates them on its first call: build first, so
      // that the gradient step below sees every variable.
      if (this.trackedLayers.some((l) => l.variables().length === 0 && l.embeddings().length === 0)) this.build(batch);
      this.built = true;
    }
    const embeddings = this.embeddings();
    for (const e of embeddings) e.clearGradients();
    const dense = this.trainableVariables();
    const anchors = embeddings.map((e) => e.anchor);
    const { value, grads } = tf.variableGrads(() => {
      const loss = this.computeLoss(batch, true);
      const reg = this.regularizationLoss();
      return reg ? tf.add(loss, reg) : loss;
    }, [...dense, ...anchors]);
    const loss = value.dataSync()[0];
    if (!Number.isFinite(loss)) {
      tf.dispose([value, ...Object.values(grads)]);
      for (const e of embeddings) e.clearGradients();
      throw new Error(`${this.className}: loss is ${loss} at step ${this.trainingState.step + 1}; no update applied (lower the learning rate?)`);
    }
    const denseGrads = dense.filter((v) => grads[v.name]).map((v) => ({ variable: v, gradient: grads[v.name] }));
    const sparseGrads = embeddings.flatMap((embedding) => {
      const gradient = embedding.takeGradient();
      return gradient ? [{ embedding, gradient }] : [];
    });
    optimizer.applyGradients(denseGrads, sparseGrads);
    tf.dispose([value, ...Object.values(grads)]);
    for (const l of this.trackedLayers) l.applyConstraints?.();
    this.trainingState.step++;
    return { loss, size: batch.length };
  }

  /** Loss of one batch without training (metrics update inside the tasks). */
  testStep(batch: Columns): number {
    const loss = tf.tidy(() => {
      const l = this.computeLoss(batch, false);
      const reg = this.regularizationLoss();
      return (reg ? tf.add(l, reg) : l).dataSync()[0];
    });
    for (const e of this.embeddings()) e.clearGradients();
    return loss;
  }

  /** Called by `evaluate` before its first batch (e.g. to index candidates for top-K metrics). */
  protected beforeEvaluate(): void {}

  /** `{ loss, ...task metrics }` over `data` (loss = example-weighted mean of batch losses). */
  evaluate(data: Columns, options: { batchSize?: number } = {}): Logs {
    const batchSize = options.batchSize ?? 32;
    if (data.length === 0) throw new Error(`${this.className}.evaluate: no rows`);
    for (const t of this.trackedTasks) t.resetMetrics();
    this.beforeEvaluate();
    let weighted = 0;
    const order = epochOrder(data.length, false, 0, 0);
    for (let start = 0; start < data.length; start += batchSize) {
      const rows = order.subarray(start, Math.min(start + batchSize, data.length));
      weighted += this.testStep(takeRows(data, rows)) * rows.length;
    }
    const logs: Logs = { loss: weighted / data.length };
    for (const t of this.trackedTasks) Object.assign(logs, t.metricResults());
    return logs;
  }

  /**
   * Trains on `train` for `epochs` (Keras `fit`), starting at epoch 0 unless a callback's
   * `onTrainBegin` restores `trainingState` (a `Checkpoint` resuming mid-run). Deterministic for a
   * given `seed` and initial weights: epoch e's order depends only on (seed, e).
   */
  async fit(train: Columns, options: FitOptions = {}): Promise<History> {
    const { epochs = 1, batchSize = 32, shuffle = true, seed = 0, validationData, validationFreq = 1 } = options;
    const callbacks = options.callbacks ?? [];
    if (train.length === 0) throw new Error(`${this.className}.fit: no training rows`);
    const stepsPerEpoch = Math.ceil(train.length / batchSize);
    this.stopTraining = false;
    this.trainingState = { epoch: 0, batchInEpoch: 0, step: this.trainingState.step };
    for (const c of callbacks) await c.onTrainBegin?.(this, { epochs, stepsPerEpoch, batchSize });
    const history: History = { epochs: [], history: {} };
    let logs: Logs = {};
    while (this.trainingState.epoch < epochs && !this.stopTraining) {
      const epoch = this.trainingState.epoch;
      for (const c of callbacks) await c.onEpochBegin?.(this, epoch);
      const order = epochOrder(train.length, shuffle, seed, epoch);
      let lossSum = 0;
      let seen = 0;
      const started = performance.now();
      for (let b = this.trainingState.batchInEpoch; b < stepsPerEpoch; b++) {
        const rows = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, train.length));
        const stepLogs = this.trainStep(takeRows(train, rows));
        lossSum += stepLogs.loss * rows.length;
        seen += rows.length;
        this.trainingState.batchInEpoch = b + 1;
        for (const c of callbacks) await c.onBatchEnd?.(this, this.trainingState.step, stepLogs);
      }
      const seconds = (performance.now() - started) / 1000;
      logs = { loss: seen ? lossSum / seen : NaN, examples_per_second: seconds > 0 ? seen / seconds : 0 };
      if (validationData && (epoch + 1) % validationFreq === 0) {
        const val = this.evaluate(validationData, { batchSize: options.validationBatchSize ?? batchSize });
        for (const [k, v] of Object.entries(val)) logs[`val_${k}`] = v;
      }
      this.trainingState = { epoch: epoch + 1, batchInEpoch: 0, step: this.trainingState.step };
      for (const c of callbacks) await c.onEpochEnd?.(this, epoch, logs);
      // After the callbacks, like Keras' History (last in its callback list): what they log counts too.
      history.epochs.push(logs);
      for (const [k, v] of Object.entries(logs)) (history.history[k] ??= []).push(v);
    }
    for (const c of callbacks) await c.onTrainEnd?.(this, logs);
    return history;
  }

  /** Frees the model's tensors (dense variables and embedding anchors); the model is unusable after. */
  dispose(): void {
    tf.dispose([...this.trainableVariables(), ...this.embeddings().map((e) => e.anchor)]);
  }

  /**
   * All weights in a stable order: per layer, its dense variables then its embedding tables
   * (tables shared between layers appear once). `data` is a copy.
   */
  getWeights(): NamedWeight[] {
    const out: NamedWeight[] = [];
    const seen = new Set<Embedding>();
    this.trackedLayers.forEach((layer, li) => {
      layer.variables().forEach((v, vi) => {
        out.push({ name: `${li}:${layer.name}/${vi}`, shape: [...v.shape], data: (v.dataSync() as Float32Array).slice() });
      });
      for (const e of layer.embeddings()) {
        if (seen.has(e)) continue;
        seen.add(e);
        out.push({ name: `${li}:${e.name}`, shape: [e.inputDim, e.outputDim], data: e.table.slice() });
      }
    });
    return out;
  }

  /** Restores weights from `getWeights()` output of a model with the same structure (checks shapes). */
  setWeights(weights: NamedWeight[]): void {
    const targets = this.weightTargets();
    if (targets.length !== weights.length) {
      throw new Error(`${this.className}.setWeights: expected ${targets.length} weight arrays, got ${weights.length}`);
    }
    targets.forEach((target, i) => {
      const w = weights[i];
      const expected = target.shape.join('×');
      if (w.shape.join('×') !== expected || w.data.length !== target.size) {
        throw new Error(`${this.className}.setWeights: weight ${i} ('${w.name}') has shape ${w.shape.join('×')}, expected ${expected}`);
      }
      target.set(w.data);
    });
  }

  private weightTargets(): { shape: number[]; size: number; set(data: Float32Array): void }[] {
    const out: { shape: number[]; size: number; set(data: Float32Array): void }[] = [];
    const seen = new Set<Embedding>();
    for (const layer of this.trackedLayers) {
      for (const v of layer.variables()) {
        out.push({ shape: [...v.shape], size: v.size, set: (d) => tf.tidy(() => v.assign(tf.tensor(d, v.shape))) });
      }
      for (const e of layer.embeddings()) {
        if (seen.has(e)) continue;
        seen.add(e);
        out.push({ shape: [e.inputDim, e.outputDim], size: e.table.length, set: (d) => e.table.set(d) });
      }
    }
    return out;
  }
}
