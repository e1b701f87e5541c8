/**
 * Built-in callbacks for `Model.fit`: `ProgressBar` (TTY only), `EarlyStopping`, `TopKValidation`
 * (list metrics of the model's top-K lists on a validation split, for `EarlyStopping` to watch),
 * `Checkpoint` (every N steps, with resume).
 */
import type cliProgress from 'cli-progress';
import { evaluateTopK } from '../metrics/evaluate-top-k.ts';
import type { Model, NamedWeight, TrainingState } from '../models/model.ts';
import type { TopKRecommender, UserItems } from '../models/top-k.ts';
import type { Callback, Logs, TrainBeginInfo } from './callback.ts';
import { IN_NODE, nodeModule, nodeRequire } from '../util/platform.ts';
import { readWeights, writeWeights } from './weights-file.ts';

export type { Callback, Logs } from './callback.ts';

/** A progress bar on stderr showing epoch, loss and examples/s; silent when stderr is not a TTY (Node only). */
export class ProgressBar implements Callback {
  private bar: cliProgress.SingleBar | undefined;
  private info: TrainBeginInfo | undefined;
  private started = 0;
  private seen = 0;
  private lossSum = 0;

  private readonly stream: NodeJS.WriteStream | undefined;

  constructor(stream?: NodeJS.WriteStream) {
    this.stream = stream ?? (IN_NODE ? process.stderr : undefined);
  }

  onTrainBegin(_model: Model, info: TrainBeginInfo): void {
    this.info = info;
  }

  onEpochBegin(_model: Model, epoch: number): void {
    if (!this.stream?.isTTY || !this.info) return;
    const progress = nodeRequire(import.meta.url, 'ProgressBar')('cli-progress') as typeof cliProgress;
    this.bar = new progress.SingleBar(
      { format: `epoch ${epoch + 1}/${this.info.epochs} [{bar}] {value}/{total} loss {loss} · {rate} ex/s`, stream: this.stream, hideCursor: true },
      progress.Presets.shades_classic,
    );
    this.bar.start(this.info.stepsPerEpoch, 0, { loss: '-', rate: '-' });
    this.started = performance.now();
    this.seen = 0;
    this.lossSum = 0;
  }

  onBatchEnd(_model: Model, _step: number, logs: Logs): void {
    if (!this.bar) return;
    this.seen += logs.size ?? 0;
    this.lossSum += logs.loss * (logs.size ?? 0);
    const seconds = (performance.now() - this.started) / 1000;
    this.bar.increment(1, { loss: (this.lossSum / Math.max(1, this.seen)).toFixed(4), rate: Math.round(this.seen / Math.max(seconds, 1e-9)) });
  }

  onEpochEnd(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}

/** Options of `EarlyStopping` (Keras names). */
export interface EarlyStoppingOptions {
  /** Log to watch; defaults to 'val_loss'. */
  monitor?: string;
  /** Epochs without improvement before stopping; defaults to 0. */
  patience?: number;
  /** 'min' or 'max'; 'auto' (default) maximises names with accuracy/auc/ndcg/recall/mrr/top, minimises others. */
  mode?: 'min' | 'max' | 'auto';
  /** Smallest change that counts as an improvement; defaults to 0. */
  minDelta?: number;
  /** Restore the weights of the best epoch when stopping or at the end; defaults to false. */
  restoreBest?: boolean;
}

/** Stops training when the monitored log stops improving. */
export class EarlyStopping implements Callback {
  readonly monitor: string;
  /** The epoch (0-based) training was stopped after, if it was. */
  stoppedEpoch: number | undefined;
  bestEpoch = -1;
  best: number;
  private readonly sign: number;
  private wait = 0;
  private bestWeights: NamedWeight[] | undefined;

  constructor(private readonly options: EarlyStoppingOptions = {}) {
    this.monitor = options.monitor ?? 'val_loss';
    const mode = options.mode ?? 'auto';
    const maximise = mode === 'max' || (mode === 'auto' && /accuracy|auc|ndcg|recall|mrr|top/i.test(this.monitor));
    this.sign = maximise ? -1 : 1;
    this.best = Infinity;
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.best = Infinity;
    this.bestEpoch = -1;
    this.stoppedEpoch = undefined;
  }

  onEpochEnd(model: Model, epoch: number, logs: Logs): void {
    const value = logs[this.monitor];
    if (value === undefined) throw new Error(`EarlyStopping: log '${this.monitor}' is missing (have: ${Object.keys(logs).join(', ')})`);
    const score = this.sign * value;
    if (score < this.best - (this.options.minDelta ?? 0)) {
      this.best = score;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.options.restoreBest) this.bestWeights = model.getWeights();
    } else if (++this.wait > (this.options.patience ?? 0)) {
      this.stoppedEpoch = epoch;
      model.stopTraining = true;
    }
  }

  onTrainEnd(model: Model): void {
    if (this.options.restoreBest && this.bestWeights) model.setWeights(this.bestWeights);
  }

  /** The best value of the monitored log so far. */
  bestValue(): number {
    return this.sign * this.best;
  }
}

/** Options of `TopKValidation`. */
export interface TopKValidationOptions<M extends Model> {
  /** The model's lists as a top-K recommender (e.g. `TwoTowerModel.topKLists`), built after each epoch. */
  lists: (model: M) => TopKRecommender;
  /** Interactions the lists exclude (the training part). */
  train: UserItems;
  /** Held-out interactions the lists are judged on (a validation split, never the test). */
  validation: UserItems;
  /** List length (default 10). */
  k?: number;
  /** Validation users sampled per epoch (default all). */
  sampleUsers?: number;
}

/**
 * Writes `val_ndcg_at_k`, `val_precision_at_k` and `val_recall_at_k` of the model's top-k lists into
 * each epoch's logs, so an `EarlyStopping({ monitor: 'val_ndcg_at_10', restoreBest: true })` listed
 * after it stops on list quality rather than on the loss.
 */
export class TopKValidation<M extends Model> implements Callback {
  constructor(private readonly options: TopKValidationOptions<M>) {}

  onEpochEnd(model: Model, _epoch: number, logs: Logs): void {
    const k = this.options.k ?? 10;
    const result = evaluateTopK(this.options.lists(model as M), this.options.train, this.options.validation, { k, sampleUsers: this.options.sampleUsers });
    logs[`val_ndcg_at_${k}`] = result.ndcg;
    logs[`val_precision_at_${k}`] = result.precision;
    logs[`val_recall_at_${k}`] = result.recall;
  }
}

/** Options of `Checkpoint`. */
export interface CheckpointOptions {
  /** Save every this many steps (default 1000) and at the end of training. */
  everySteps?: number;
  /** Restore the checkpoint found in the folder when training starts; defaults to true. */
  resume?: boolean;
}

interface CheckpointState {
  format: 1;
  state: TrainingState;
  optimizer: { className: string; iterations: number };
}

/**
 * Saves weights, optimizer state and the training position to `dir` every N steps; when `fit`
 * starts and `dir` holds a checkpoint, restores it so training continues where it stopped (the
 * same batches in the same order as an uninterrupted run).
 */
export class Checkpoint implements Callback {
  constructor(readonly dir: string, private readonly options: CheckpointOptions = {}) {}

  /** True when `dir` holds a complete checkpoint. */
  exists(): boolean {
    const { join } = nodeModule('node:path', 'Checkpoint');
    return nodeModule('node:fs', 'Checkpoint').existsSync(join(this.dir, 'state.json'));
  }

  async onTrainBegin(model: Model): Promise<void> {
    if ((this.options.resume ?? true) && this.exists()) await this.restore(model);
  }

  async onBatchEnd(model: Model, step: number): Promise<void> {
    if (step % (this.options.everySteps ?? 1000) === 0) await this.save(model);
  }

  async onTrainEnd(model: Model): Promise<void> {
    await this.save(model);
  }

  /** Writes the checkpoint (to a temporary folder renamed over `dir`). */
  async save(model: Model): Promise<void> {
    const optimizer = model.optimizer;
    if (!optimizer) throw new Error('Checkpoint: the model is not compiled');
    const { mkdir, rename, rm, writeFile } = nodeModule('node:fs/promises', 'Checkpoint');
    const { join } = nodeModule('node:path', 'Checkpoint');
    const temp = `${this.dir}.tmp-${process.pid}`;
    await rm(temp, { recursive: true, force: true });
    await mkdir(temp, { recursive: true });
    await writeWeights(temp, 'weights', model.getWeights());
    const slots = optimizer.getSlots(model.trainableVariables(), model.embeddings());
    await writeWeights(temp, 'optimizer', slots.map((s) => ({ name: s.name, shape: [s.data.length], data: s.data })));
    const state: CheckpointState = { format: 1, state: { ...model.trainingState }, optimizer: { className: optimizer.className, iterations: optimizer.iterations } };
    await writeFile(join(temp, 'state.json'), JSON.stringify(state, null, 2));
    await rm(this.dir, { recursive: true, force: true });
    await rename(temp, this.dir);
  }

  /** Loads the checkpoint into `model` (compiled with the same optimizer class). */
  async restore(model: Model): Promise<void> {
    const optimizer = model.optimizer;
    if (!optimizer) throw new Error('Checkpoint: compile the model before restoring');
    const { readFile } = nodeModule('node:fs/promises', 'Checkpoint');
    const { join } = nodeModule('node:path', 'Checkpoint');
    const saved = JSON.parse(await readFile(join(this.dir, 'state.json'), 'utf8')) as CheckpointState;
    if (saved.optimizer.className !== optimizer.className) {
      throw new Error(`${this.dir}: checkpoint was written with ${saved.optimizer.className}, the model is compiled with ${optimizer.className}`);
    }
    model.setWeights(await readWeights(this.dir, 'weights'));
    const slots = await readWeights(this.dir, 'optimizer');
    optimizer.setSlots(model.trainableVariables(), model.embeddings(), slots.map((s) => ({ name: s.name, data: s.data })));
    optimizer.iterations = saved.optimizer.iterations;
    model.trainingState = { ...saved.state };
  }
}
