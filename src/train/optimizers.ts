/**
 * Optimizers with the Keras defaults, updating both dense `tf.Variable`s and sparse embedding rows.
 *
 * Every optimizer is a per-element rule applied to a parameter slice with its slot arrays
 * (accumulators, moments). Dense variables use the rule on all their elements; an embedding table
 * uses it only on the rows in the batch (duplicate ids are summed before, see
 * `Embedding.takeGradient`), with per-row slots — "lazy" updates as in TF's sparse Adagrad and
 * LazyAdam. Dense values are read and written through JS arrays (small next to embedding tables).
 * With the native addon the same rules run in C (float32) on the same arrays; without it, in JS.
 */
import { tf } from '../engine/index.ts';
import { nativeArrayKernels } from '../engine/native.ts';
import type { Embedding, SparseGradient } from '../layers/embedding.ts';

/** An update rule as native `optimizerRows` takes it: its number and four hyper-parameters (native/blas/blas.c). */
interface NativeRule {
  rule: number;
  h: [number, number, number, number];
}

/** A dense variable and its gradient for one step. */
export interface DenseGradient {
  variable: tf.Variable;
  gradient: tf.Tensor;
}

/** A named array of optimizer state, for checkpoints. */
export interface OptimizerSlot {
  name: string;
  data: Float32Array;
}

/** What models need from an optimizer. */
export interface Optimizer {
  /** Keras class name: 'Adagrad', 'Adam' or 'SGD'. */
  readonly className: string;
  /** The hyper-parameters (Keras names). */
  getConfig(): object;
  /** Number of updates applied so far (Keras `iterations`). */
  iterations: number;
  /** One update of the given dense variables and embedding rows. */
  applyGradients(dense: DenseGradient[], sparse: { embedding: Embedding; gradient: SparseGradient }[]): void;
  /** The state of every slot of the given parameters, in order (for checkpoints). */
  getSlots(variables: tf.Variable[], embeddings: Embedding[]): OptimizerSlot[];
  /** Restores slots written by `getSlots` for the same parameters. */
  setSlots(variables: tf.Variable[], embeddings: Embedding[], slots: OptimizerSlot[]): void;
}

/**
 * The shared machinery: slot storage per parameter and the dense/sparse loops. Subclasses give the
 * slot count, their initial value and `update`, the per-element rule over a contiguous range.
 */
abstract class SlotOptimizer implements Optimizer {
  abstract readonly className: string;
  iterations = 0;
  private readonly slots = new Map<tf.Variable | Embedding, Float32Array[]>();

  /** Names of the slot arrays (e.g. ['accumulator']). */
  protected abstract slotNames(): string[];
  /** Initial value of every slot element. */
  protected abstract slotInit(slot: number): number;
  /** Called once per step before any parameter is updated (e.g. bias corrections). */
  protected beginStep(): void {}
  /** Updates param[offset .. offset+n) from grad[gradOffset ..] and the slots at the same offsets. */
  protected abstract update(param: Float32Array, grad: Float32Array, slots: Float32Array[], offset: number, gradOffset: number, n: number): void;
  /** `update`'s rule for the native kernel, used instead of `update` when the addon is loaded. */
  protected abstract nativeRule(): NativeRule;
  abstract getConfig(): object;

  private slotsFor(key: tf.Variable | Embedding, size: number): Float32Array[] {
    let s = this.slots.get(key);
    if (!s) {
      s = this.slotNames().map((_, i) => new Float32Array(size).fill(this.slotInit(i)));
      this.slots.set(key, s);
    }
    return s;
  }

  applyGradients(dense: DenseGradient[], sparse: { embedding: Embedding; gradient: SparseGradient }[]): void {
    this.iterations++;
    this.beginStep();
    const native = nativeArrayKernels();
    const { rule, h } = this.nativeRule();
    for (const { variable, gradient } of dense) {
      const param = variable.dataSync().slice() as Float32Array;
      const grad = gradient.dataSync() as Float32Array;
      const slots = this.slotsFor(variable, param.length);
      if (native) native.optimizerRows(rule, param, grad, slots[0] ?? null, slots[1] ?? null, null, param.length, ...h);
      else this.update(param, grad, slots, 0, 0, param.length);
      tf.tidy(() => variable.assign(tf.tensor(param, variable.shape)));
    }
    for (const { embedding, gradient } of sparse) {
      const d = embedding.outputDim;
      const slots = this.slotsFor(embedding, embedding.table.length);
      const { ids, rows } = gradient;
      if (native) native.optimizerRows(rule, embedding.table, rows, slots[0] ?? null, slots[1] ?? null, ids, d, ...h);
      else for (let i = 0; i < ids.length; i++) this.update(embedding.table, rows, slots, ids[i] * d, i * d, d);
    }
  }

  getSlots(variables: tf.Variable[], embeddings: Embedding[]): OptimizerSlot[] {
    const out: OptimizerSlot[] = [];
    const params: [tf.Variable | Embedding, number, string][] = [
      ...variables.map((v, i): [tf.Variable, number, string] => [v, v.size, `variable_${i}`]),
      ...embeddings.map((e): [Embedding, number, string] => [e, e.table.length, e.name]),
    ];
    for (const [key, size, label] of params) {
      this.slotsFor(key, size).forEach((data, s) => out.push({ name: `${label}/${this.slotNames()[s]}`, data }));
    }
    return out;
  }

  setSlots(variables: tf.Variable[], embeddings: Embedding[], slots: OptimizerSlot[]): void {
    const byName = new Map(slots.map((s) => [s.name, s.data]));
    const current = this.getSlots(variables, embeddings);
    for (const slot of current) {
      const saved = byName.get(slot.name);
      if (!saved || saved.length !== slot.data.length) {
        throw new Error(`${this.className}: optimizer state '${slot.name}' is missing or has the wrong size`);
      }
      slot.data.set(saved);
    }
  }
}

/** Options of `Adagrad` (Keras defaults). */
export interface AdagradConfig {
  learningRate?: number;
  initialAccumulatorValue?: number;
  epsilon?: number;
}

/** Keras Adagrad: acc += g²; w -= lr·g / (√acc + ε). */
export class Adagrad extends SlotOptimizer {
  readonly className = 'Adagrad';
  readonly config: Required<AdagradConfig>;

  constructor(config: AdagradConfig = {}) {
    super();
    this.config = { learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7, ...config };
  }

  protected slotNames(): string[] {
    return ['accumulator'];
  }

  protected slotInit(): number {
    return this.config.initialAccumulatorValue;
  }

  protected nativeRule(): NativeRule {
    return { rule: 0, h: [this.config.learningRate, this.config.epsilon, 0, 0] };
  }

  protected update(param: Float32Array, grad: Float32Array, [acc]: Float32Array[], offset: number, gradOffset: number, n: number): void {
    const { learningRate: lr, epsilon } = this.config;
    for (let k = 0; k < n; k++) {
      const g = grad[gradOffset + k];
      const a = (acc[offset + k] += g * g);
      param[offset + k] -= (lr * g) / (Math.sqrt(a) + epsilon);
    }
  }

  getConfig(): Required<AdagradConfig> {
    return { ...this.config };
  }
}

/** Options of `Adam` (Keras defaults). */
export interface AdamConfig {
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * Keras Adam: m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; w -= lr·√(1-β2ᵗ)/(1-β1ᵗ) · m / (√v + ε).
 * Embedding rows are updated lazily (only rows in the batch; t is the global step), like LazyAdam.
 */
export class Adam extends SlotOptimizer {
  readonly className = 'Adam';
  readonly config: Required<AdamConfig>;
  private stepSize = 0;

  constructor(config: AdamConfig = {}) {
    super();
    this.config = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, ...config };
  }

  protected slotNames(): string[] {
    return ['m', 'v'];
  }

  protected slotInit(): number {
    return 0;
  }

  protected override beginStep(): void {
    const { learningRate, beta1, beta2 } = this.config;
    const t = this.iterations;
    this.stepSize = (learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
  }

  protected nativeRule(): NativeRule {
    const { beta1, beta2, epsilon } = this.config;
    return { rule: 1, h: [this.stepSize, beta1, beta2, epsilon] };
  }

  protected update(param: Float32Array, grad: Float32Array, [m, v]: Float32Array[], offset: number, gradOffset: number, n: number): void {
    const { beta1, beta2, epsilon } = this.config;
    const step = this.stepSize;
    for (let k = 0; k < n; k++) {
      const g = grad[gradOffset + k];
      const i = offset + k;
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      param[i] -= (step * m[i]) / (Math.sqrt(v[i]) + epsilon);
    }
  }

  getConfig(): Required<AdamConfig> {
    return { ...this.config };
  }
}

/** Options of `SGD` (Keras defaults). */
export interface SGDConfig {
  learningRate?: number;
  momentum?: number;
}

/** Keras SGD: w -= lr·g, or with momentum: v = μ·v - lr·g; w += v. */
export class SGD extends SlotOptimizer {
  readonly className = 'SGD';
  readonly config: Required<SGDConfig>;

  constructor(config: SGDConfig = {}) {
    super();
    this.config = { learningRate: 0.01, momentum: 0, ...config };
  }

  protected slotNames(): string[] {
    return this.config.momentum ? ['momentum'] : [];
  }

  protected slotInit(): number {
    return 0;
  }

  protected nativeRule(): NativeRule {
    const { learningRate, momentum } = this.config;
    return { rule: momentum ? 3 : 2, h: [learningRate, momentum, 0, 0] };
  }

  protected update(param: Float32Array, grad: Float32Array, slots: Float32Array[], offset: number, gradOffset: number, n: number): void {
    const { learningRate: lr, momentum } = this.config;
    const velocity = slots[0];
    for (let k = 0; k < n; k++) {
      const g = grad[gradOffset + k];
      if (velocity) {
        const vel = (velocity[offset + k] = momentum * velocity[offset + k] - lr * g);
        param[offset + k] += vel;
      } else {
        param[offset + k] -= lr * g;
      }
    }
  }

  getConfig(): Required<SGDConfig> {
    return { ...this.config };
  }
}

/** Rebuilds an optimizer from its class name and config (artifacts and checkpoints). */
export function optimizerFromConfig(className: string, config: object): Optimizer {
  switch (className) {
    case 'Adagrad':
      return new Adagrad(config);
    case 'Adam':
      return new Adam(config);
    case 'SGD':
      return new SGD(config);
    default:
      throw new Error(`unknown optimizer '${className}' (expected Adagrad, Adam or SGD)`);
  }
}
