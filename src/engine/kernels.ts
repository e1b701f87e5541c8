/**
 * Custom kernels for the wasm backend.
 *
 * The stock wasm `BatchMatMul` is fast without transpose flags and very slow with them (measured on
 * this machine: 4096×4096ᵀ · 4096×64 took ~2,200 ms with `transposeA`, ~90 ms rewritten as below).
 * Autodiff of `matMul` always produces transposed products (dA = dy·Bᵀ, dB = Aᵀ·dy), so every
 * gradient step hits the slow path. `registerFastMatMul()` replaces the wasm kernel by a wrapper that
 * materialises the cheapest transposes and then calls the stock kernel without flags:
 *
 * - Aᵀ·B  = transpose(A)·B        or  (Bᵀ·A)ᵀ      (whichever transposes fewer elements)
 * - A·Bᵀ  = A·transpose(B)        or  (B·Aᵀ)ᵀ
 * - Aᵀ·Bᵀ = transpose(A)·transpose(B) or (B·A)ᵀ
 *
 * When the optional native addon (native/blas, see native.ts) is built, `registerFastMatMul` puts
 * its OpenBLAS kernel on top, with this wrapper as the fallback for cases it does not take.
 *
 * It also removes copies the wasm backend makes for nothing: `Identity` and same-dtype `Cast` share
 * the input's buffer (as the cpu backend and wasm's own `Reshape` do), and the gradient of `Sum`
 * broadcasts dy (zeros + add) instead of multiplying it by a `ones(x.shape)` tensor built in JS
 * (for in-batch softmax that was a 64 MiB JS array and a copy into the heap per step).
 *
 * `softmaxCrossEntropyWithLogits` is the fused softmax cross-entropy (one native pass when the
 * addon is there), for losses to use instead of composing logSoftmax, mul and sum.
 */
import * as tf from '@tensorflow/tfjs-core';
import { NATIVE_RELU_GRAD, NATIVE_SOFTMAX_CROSS_ENTROPY, nativeKernelsActive, registerNativeKernels, type KernelImpl } from './native.ts';

interface DataBackend {
  disposeData(dataId: tf.DataId): void;
  incRef(dataId: tf.DataId): void;
}

let installed = false;

/** Transposes the last two axes of `x` with the backend's own Transpose kernel. */
function transposeLast2(x: tf.TensorInfo, backend: unknown, transpose: KernelImpl): tf.TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return transpose({ inputs: { x }, backend, attrs: { perm } });
}

function size(x: tf.TensorInfo): number {
  return x.shape.reduce((p, d) => p * d, 1);
}

/** The wrapper kernel: same inputs/attrs as BatchMatMul, never passes a transpose flag on. */
function makeFastBatchMatMul(stock: KernelImpl, transpose: KernelImpl): KernelImpl {
  return (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const transposeA = Boolean(args.attrs.transposeA);
    const transposeB = Boolean(args.attrs.transposeB);
    if (!transposeA && !transposeB) return stock(args);
    const backend = args.backend;
    const dispose = (t: tf.TensorInfo) => (backend as DataBackend).disposeData(t.dataId);
    const plain = (x: tf.TensorInfo, y: tf.TensorInfo) =>
      stock({ inputs: { a: x, b: y }, backend, attrs: { transposeA: false, transposeB: false } });
    const ra = a.shape.length;
    const rb = b.shape.length;
    const outRows = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
    const outCols = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
    const batch = Math.max(size(a) / (a.shape[ra - 1] * a.shape[ra - 2]), size(b) / (b.shape[rb - 1] * b.shape[rb - 2]));
    const outSize = batch * outRows * outCols;
    // Cost of the direct route (transpose the flagged inputs) vs the swapped route ((·)ᵀ of the
    // product with operands swapped, transposing the unflagged inputs and the output).
    const direct = (transposeA ? size(a) : 0) + (transposeB ? size(b) : 0);
    const swapped = (transposeA ? 0 : size(a)) + (transposeB ? 0 : size(b)) + outSize;
    const temps: tf.TensorInfo[] = [];
    const keep = (t: tf.TensorInfo) => (temps.push(t), t);
    let out: tf.TensorInfo;
    if (direct <= swapped) {
      const aa = transposeA ? keep(transposeLast2(a, backend, transpose)) : a;
      const bb = transposeB ? keep(transposeLast2(b, backend, transpose)) : b;
      out = plain(aa, bb);
    } else {
      // op(A)·op(B) = (op(B)ᵀ · op(A)ᵀ)ᵀ; op(B)ᵀ is B itself when B was flagged, else Bᵀ.
      const bt = transposeB ? b : keep(transposeLast2(b, backend, transpose));
      const at = transposeA ? a : keep(transposeLast2(a, backend, transpose));
      const product = keep(plain(bt, at));
      out = transposeLast2(product, backend, transpose);
    }
    temps.forEach(dispose);
    return out;
  };
}

/**
 * Installs Maxella's wasm kernels (idempotent): the transpose-free `BatchMatMul` wrapper, the
 * buffer-sharing `Identity`/`Cast`, the `Sum` gradient, and the native kernels of native.ts when the
 * addon loads. Call after the wasm backend is registered; `initEngine` does this (the name predates
 * the additions and is kept for its callers).
 */
export function registerFastMatMul(): void {
  if (installed) return;
  const stock = tf.getKernel(tf.BatchMatMul, 'wasm');
  const transpose = tf.getKernel(tf.Transpose, 'wasm');
  if (!stock || !transpose) throw new Error('registerFastMatMul: the wasm backend kernels are not registered');
  const fast = makeFastBatchMatMul(stock.kernelFunc as unknown as KernelImpl, transpose.kernelFunc as unknown as KernelImpl);
  replaceKernel(tf.BatchMatMul, () => fast);
  replaceKernel(tf.Identity, (identity) => (args) => (inputX(args).dtype === 'string' ? identity(args) : shareInput(args)));
  replaceKernel(tf.Cast, (cast) => (args) => (args.attrs.dtype === inputX(args).dtype && inputX(args).dtype !== 'string' ? shareInput(args) : cast(args)));
  registerNativeKernels(fast);
  installed = true;
}

/** Swaps the wasm kernel `name` for `make(stock)`. */
function replaceKernel(name: string, make: (stock: KernelImpl) => KernelImpl): void {
  const stock = tf.getKernel(name, 'wasm');
  if (!stock) throw new Error(`registerFastMatMul: the wasm kernel '${name}' is not registered`);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...stock, kernelFunc: make(stock.kernelFunc as unknown as KernelImpl) as unknown as tf.KernelFunc });
}

/** The `x` input of a unary kernel. */
function inputX(args: Parameters<KernelImpl>[0]): tf.TensorInfo {
  return args.inputs.x as tf.TensorInfo;
}

/** Returns the input itself under a new reference (no copy): Identity, and Cast to the same dtype. */
function shareInput(args: Parameters<KernelImpl>[0]): tf.TensorInfo {
  const x = inputX(args);
  (args.backend as DataBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

let sumGradientInstalled = false;

/**
 * Replaces tfjs-core's `Sum` gradient (dy · ones(x.shape), the ones built in JS) by a broadcast of
 * dy (idempotent; a no-op until tfjs' gradients are registered). `initEngine` calls it right after
 * registering tfjs' gradients.
 */
export function installSumGradient(): void {
  if (sumGradientInstalled || !tf.getGradient(tf.Sum)) return;
  tf.registerGradient({
    kernelName: tf.Sum,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      const axes = tf.util.parseAxisParam((attrs as unknown as tf.SumAttrs).axis, x.shape);
      const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
      // zerosLike + broadcasting add: two passes (wasm's Tile, behind tf.broadcastTo, is far slower).
      return { x: () => tf.add(tf.zerosLike(x), tf.reshape(dy as tf.Tensor, kept)) };
    },
  });
  sumGradientInstalled = true;
}

/**
 * Softmax cross-entropy per row of `[rows, classes]` logits: lossᵢ = −Σⱼ yᵢⱼ·log softmax(xᵢ)ⱼ, as a
 * `[rows]` tensor, differentiable with respect to `logits` (the labels are constants: they get no
 * gradient). One fused native pass when the addon is active, else log-sum-exp with tfjs ops; both
 * compute the gradient softmax(x)·Σy − y in the forward pass and keep it for backprop.
 */
export function softmaxCrossEntropyWithLogits(labels: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor1D {
  if (labels.shape[0] !== logits.shape[0] || labels.shape[1] !== logits.shape[1]) {
    throw new Error(`softmaxCrossEntropyWithLogits: labels [${labels.shape}] and logits [${logits.shape}] differ`);
  }
  const rows = logits.shape[0];
  const fused = nativeKernelsActive() && tf.getBackend() === 'wasm' && labels.dtype === 'float32' && logits.dtype === 'float32';
  type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];
  // d loss / d logits = dy (one per row) × the saved per-row gradient. A sum-reduced, unweighted loss
  // (the usual case) gives dy = 1 everywhere: then the batch² product is skipped. Only on backends
  // whose tensors live in CPU memory: on WebGL / WebGPU reading dy would stall the pipeline each step.
  const dyReadable = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
  const scaleRows = (dy: tf.Tensor, [gradient]: tf.Tensor[]) =>
    dyReadable && (dy.dataSync() as Float32Array).every((v) => v === 1) ? tf.clone(gradient) : tf.mul(gradient, tf.reshape(dy, [rows, 1]));
  const op = tf.customGrad(((x: tf.Tensor2D, save: tf.GradSaveFunc) => {
    if (fused) {
      const [loss, gradient] = tf.engine().runKernel(NATIVE_SOFTMAX_CROSS_ENTROPY, { logits: x, labels }, {}) as tf.Tensor[];
      save([gradient]);
      return { value: loss, gradFunc: scaleRows };
    }
    // The gradient is computed here, not in gradFunc: callers may dispose `labels` before backprop.
    // log Σ exp(x) comes from the softmax itself: its largest value is exp(max x − lse) ≥ 1 / classes, so
    // lse = max x − log(max softmax) is stable, and no separate Exp pass runs (wasm's Exp is scalar and
    // was a quarter of an in-batch softmax step; its Softmax kernel is vectorised).
    const labelSum = tf.sum(labels, 1, true);
    const softmax = tf.softmax(x);
    const logSumExp = tf.sub(tf.max(x, 1, true), tf.log(tf.max(softmax, 1, true)));
    const value = tf.reshape(tf.sub(tf.mul(labelSum, logSumExp), tf.sum(tf.mul(labels, x), 1, true)), [rows]);
    save([tf.sub(tf.mul(softmax, labelSum), labels)]);
    return { value, gradFunc: scaleRows };
  }) as unknown as CustomGradientFunc);
  return op(logits) as tf.Tensor1D;
}

/**
 * x · kernel (+ bias), then relu when asked: the Dense forward. On the wasm backend it is one
 * `_FusedMatMul` (native: sgemm, bias and relu in place; else XNNPACK's fused op) with the gradient
 * tfjs gives its fused op — dz = dy·step(y), dx = dz·kernelᵀ, dkernel = xᵀ·dz, dbias = Σ dz — which
 * tfjs itself does not use while recording gradients. Without the addon Σ dz is a ones-row matMul:
 * wasm's Sum over the batch axis transposes first and is ~40× slower. Other backends: the plain ops.
 */
export function denseForward(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D | undefined, activation: 'linear' | 'relu'): tf.Tensor2D {
  const native = nativeKernelsActive();
  if (tf.getBackend() !== 'wasm' || x.dtype !== 'float32') {
    const y = bias ? tf.add(tf.matMul(x, kernel), bias) : tf.matMul(x, kernel);
    return (activation === 'relu' ? tf.relu(y) : y) as tf.Tensor2D;
  }
  type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];
  const forward = (a: tf.Tensor2D, b: tf.Tensor2D, c: tf.Tensor1D | undefined, save: tf.GradSaveFunc) => {
    const inputs: tf.NamedTensorMap = c ? { a, b, bias: c } : { a, b };
    const attrs = { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 };
    // The stock wasm kernel takes rank-3 operands (a batch of one); the native one plain matrices.
    const y = native
      ? (tf.engine().runKernel(tf._FusedMatMul, inputs, attrs) as tf.Tensor2D)
      : tf.reshape(tf.engine().runKernel(tf._FusedMatMul, { ...inputs, a: tf.reshape(a, [1, ...a.shape]), b: tf.reshape(b, [1, ...b.shape]) }, attrs) as tf.Tensor3D, [a.shape[0], b.shape[1]]);
    save([a, b, y]);
    const gradFunc = (dy: tf.Tensor2D, [a0, b0, y0]: tf.Tensor[]) => {
      const dz = activation === 'linear' ? dy : native ? (tf.engine().runKernel(NATIVE_RELU_GRAD, { dy, y: y0 }, {}) as tf.Tensor2D) : tf.mul(dy, tf.step(y0));
      const grads = [tf.matMul(dz, b0 as tf.Tensor2D, false, true), tf.matMul(a0 as tf.Tensor2D, dz, true, false)];
      if (!c) return grads;
      const [rows, columns] = dz.shape as [number, number];
      return [...grads, native ? tf.sum(dz, 0) : tf.reshape(tf.matMul(tf.ones([1, rows]), dz), [columns])];
    };
    return { value: y, gradFunc };
  };
  if (bias) return tf.customGrad(((a: tf.Tensor2D, b: tf.Tensor2D, c: tf.Tensor1D, save: tf.GradSaveFunc) => forward(a, b, c, save)) as unknown as CustomGradientFunc)(x, kernel, bias) as tf.Tensor2D;
  return tf.customGrad(((a: tf.Tensor2D, b: tf.Tensor2D, save: tf.GradSaveFunc) => forward(a, b, undefined, save)) as unknown as CustomGradientFunc)(x, kernel) as tf.Tensor2D;
}

/** True once `registerFastMatMul` replaced the stock kernel. */
export function fastMatMulInstalled(): boolean {
  return installed;
}
