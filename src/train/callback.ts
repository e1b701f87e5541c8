/** The callback interface `Model.fit` calls (Keras names), and the logs it passes. */
import type { Model } from '../models/model.ts';

/** Numbers reported after a batch or an epoch: `loss`, metrics, `val_*` metrics, `examples_per_second`. */
export type Logs = Record<string, number>;

/** What `fit` tells callbacks when training starts. */
export interface TrainBeginInfo {
  epochs: number;
  stepsPerEpoch: number;
  batchSize: number;
}

/** Hooks into `Model.fit`; every method is optional and may be async. */
export interface Callback {
  /** Before the first step; may restore state into `model` (see `Checkpoint`). */
  onTrainBegin?(model: Model, info: TrainBeginInfo): void | Promise<void>;
  onEpochBegin?(model: Model, epoch: number): void | Promise<void>;
  /** After each step; `logs` has `loss` and `size` (examples in the batch). */
  onBatchEnd?(model: Model, step: number, logs: Logs): void | Promise<void>;
  /** After each epoch (and its validation); set `model.stopTraining = true` to stop. */
  onEpochEnd?(model: Model, epoch: number, logs: Logs): void | Promise<void>;
  onTrainEnd?(model: Model, logs: Logs): void | Promise<void>;
}
