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
 */
import * as tf from '@tensorflow/tfjs-core';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs: Record<string, unknown> };
type KernelImpl = (args: KernelArgs) => tf.TensorInfo;
interface DataBackend { disposeData(dataId: tf.DataId): void }

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
 * Replaces the wasm `BatchMatMul` kernel by the transpose-free wrapper (idempotent). Call after the
 * wasm backend is registered; `initEngine` does this.
 */
export function registerFastMatMul(): void {
  if (installed) return;
  const stock = tf.getKernel(tf.BatchMatMul, 'wasm');
  const transpose = tf.getKernel(tf.Transpose, 'wasm');
  if (!stock || !transpose) throw new Error('registerFastMatMul: the wasm backend kernels are not registered');
  const fast = makeFastBatchMatMul(stock.kernelFunc as unknown as KernelImpl, transpose.kernelFunc as unknown as KernelImpl);
  tf.unregisterKernel(tf.BatchMatMul, 'wasm');
  tf.registerKernel({ ...stock, kernelFunc: fast as unknown as tf.KernelFunc });
  installed = true;
}

/** True once `registerFastMatMul` replaced the stock kernel. */
export function fastMatMulInstalled(): boolean {
  return installed;
}
