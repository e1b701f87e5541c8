/** `Dense`: y = activation(x · kernel + bias), Keras semantics (kernel is inputDim × units). */
import { tf } from '../engine/index.ts';
import { denseForward } from '../engine/kernels.ts';
import type { Layer } from './layer.ts';
import type { Embedding } from './embedding.ts';
import { activate, type Activation } from './activations.ts';
import { initialValues, type Initializer } from './initializers.ts';
import { nextDefaultSeed } from './seeds.ts';

/** Options of `Dense`. */
export interface DenseConfig {
  units: number;
  /** Defaults to 'linear'. */
  activation?: Activation;
  /** Defaults to true. */
  useBias?: boolean;
  /** Input width; when omitted the layer builds on its first `apply`. */
  inputDim?: number;
  /** L2 penalty factor on the kernel (Keras `kernel_regularizer=l2(f)`: adds f·Σw²). */
  kernelRegularizerL2?: number;
  /** Max-norm constraint on each unit's incoming weights (Keras `MaxNorm`, axis 0), applied after each update. */
  maxNorm?: number;
  /** Kernel initialiser; defaults to Glorot uniform (bias starts at zero). */
  kernelInitializer?: Initializer;
  name?: string;
  seed?: number;
}

let denseCount = 0;

/** A fully connected layer. */
export class Dense implements Layer {
  readonly name: string;
  readonly config: Required<Omit<DenseConfig, 'inputDim' | 'kernelRegularizerL2' | 'maxNorm'>> & DenseConfig;
  kernel: tf.Variable | undefined;
  bias: tf.Variable | undefined;

  constructor(config: DenseConfig) {
    if (!Number.isInteger(config.units) || config.units < 1) throw new Error(`Dense: units must be a positive integer, got ${config.units}`);
    this.name = config.name ?? `dense_${++denseCount}`;
    this.config = {
      activation: 'linear',
      useBias: true,
      kernelInitializer: { kind: 'glorotUniform' },
      seed: nextDefaultSeed(),
      name: this.name,
      ...config,
    };
    if (config.inputDim !== undefined) this.build(config.inputDim);
  }

  /** Creates the weights for inputs of width `inputDim` (called by `apply` when not yet built). */
  build(inputDim: number): void {
    if (this.kernel) return;
    const { units, kernelInitializer, seed, useBias } = this.config;
    this.config.inputDim = inputDim;
    const values = initialValues(kernelInitializer, inputDim * units, inputDim, units, seed);
    this.kernel = tf.variable(tf.tensor2d(values, [inputDim, units]), true);
    if (useBias) this.bias = tf.variable(tf.zeros([units]), true);
  }

  /** Pre-activation and activation for a batch × inputDim input. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    this.build(x.shape[1]);
    const { activation } = this.config;
    if (activation === 'linear' || activation === 'relu') return denseForward(x, this.kernel as tf.Tensor2D, this.bias as tf.Tensor1D | undefined, activation);
    let y = tf.matMul(x, this.kernel as tf.Tensor2D);
    if (this.bias) y = tf.add(y, this.bias as tf.Tensor1D);
    return activate(y as tf.Tensor2D, activation);
  }

  regularizationLoss(): tf.Scalar | undefined {
    const f = this.config.kernelRegularizerL2;
    if (!f || !this.kernel) return undefined;
    return tf.mul(f, tf.sum(tf.square(this.kernel))) as tf.Scalar;
  }

  /** Applies the max-norm constraint (no-op without `maxNorm`); optimizers call it after updates. */
  applyConstraints(): void {
    const maxNorm = this.config.maxNorm;
    if (!maxNorm || !this.kernel) return;
    const kernel = this.kernel;
    tf.tidy(() => {
      const norms = tf.sqrt(tf.sum(tf.square(kernel), 0, true));
      const desired = tf.clipByValue(norms, 0, maxNorm);
      kernel.assign(tf.mul(kernel, tf.div(desired, tf.add(norms, 1e-7))));
    });
  }

  variables(): tf.Variable[] {
    return [this.kernel, this.bias].filter((v): v is tf.Variable => v !== undefined);
  }

  embeddings(): Embedding[] {
    return [];
  }

  getConfig(): DenseConfig {
    return { ...this.config };
  }
}
