/**
 * Optional native kernels: `native/blas` (an N-API addon over OpenBLAS, built by `npm run setup`
 * when a C compiler and libopenblas-dev are there) works directly on the wasm heap, so tensors are
 * never copied out: BatchMatMul is OpenBLAS sgemm (transposes as flags, its threads), _FusedMatMul
 * adds bias and relu in place, and Add/Sub/Mul, Relu, Step, Exp, Sum/Max, Concat/SplitV, TopK and a
 * fused softmax cross-entropy replace tfjs-wasm kernels that profiles of the bench/train workloads
 * showed slow. Every kernel falls back to the wasm one for inputs it does not handle. A second set
 * (`nativeArrayKernels`) works on plain typed arrays: embedding gathers, sparse-gradient sums and
 * optimizer row updates, used by `Embedding` and the optimizers.
 *
 * Everything works without it: `loadNativeBlas()` returns undefined when the addon is not built, the
 * environment says `MAXELLA_NATIVE=0`, or it fails to load; the kernels then stay the wasm ones.
 * `MAXELLA_NATIVE_THREADS=n` sets OpenBLAS' thread count (default: OpenBLAS' own, all cores).
 */
import * as tf from '@tensorflow/tfjs-core';
import { envVar, IN_NODE, nodeModule, nodeRequire } from '../util/platform.ts';

/** The addon's functions (see native/blas/blas.c). Offsets and strides count floats. */
export interface NativeBlas {
  sgemm(
    heap: ArrayBuffer, transA: number, transB: number, m: number, n: number, k: number,
    offA: number, offB: number, offC: number, batch: number, strideA: number, strideB: number, strideC: number,
  ): void;
  setThreads(n: number): void;
  getThreads(): number;
  exp(heap: ArrayBuffer, offX: number, offY: number, n: number): void;
  /** x viewed as [outer, size, inner]; y[o, i] = sum (op 0) or max (op 1) over the middle axis. */
  reduce(heap: ArrayBuffer, op: number, offX: number, offY: number, outer: number, size: number, inner: number): void;
  /** Per row: loss = Σy·lse − Σy·x and grad = softmax(x)·Σy − y (see blas.c). */
  softmaxCrossEntropy(heap: ArrayBuffer, offLogits: number, offLabels: number, offLoss: number, offGrad: number, rows: number, cols: number): void;
  /** Copies a rows × cols block of 4-byte elements between strided layouts. */
  copy2d(heap: ArrayBuffer, offSrc: number, srcStride: number, offDst: number, dstStride: number, rows: number, cols: number): void;
  /** The k largest of each row (values float32, indices int32), best first, ties by lower index. */
  topk(heap: ArrayBuffer, offX: number, offValues: number, offIndices: number, rows: number, n: number, k: number): void;
  /** In-place inverse of a symmetric positive-definite n × n Float32Array (LAPACK); 0 or the failing minor. */
  spdInverse(a: Float32Array, n: number): number;
  /** out[i] = x[i] op y[i mod period] (op 0 add, 1 subtract, 2 multiply, 3 x·step(y)). */
  binary(heap: ArrayBuffer, op: number, offX: number, offY: number, offOut: number, n: number, period: number): void;
  /** op 0 relu, 1 step (x > 0 ? 1 : alpha). */
  unary(heap: ArrayBuffer, op: number, offX: number, offOut: number, n: number, alpha: number): void;
  /** out[i·stride …] = row ids[i] of table (d floats a row; stride ≥ d, default d); -1, or the first position of an id outside it. */
  gatherRows(table: Float32Array, d: number, ids: Int32Array, out: Float32Array, stride?: number): number;
  /**
   * Sums rows (row i at rows[i·stride …], stride default d) into one row per id of outIds / outRows
   * (first-seen order, slotOf[id] = its row or -1); the new unique count, -1 for an id outside slotOf.
   */
  accumulateRows(ids: Int32Array, rows: Float32Array, d: number, slotOf: Int32Array, outIds: Int32Array, outRows: Float32Array, unique: number, stride?: number): number;
  /** One update of rows `ids` of param (null: all of it) by `rule` (0 Adagrad, 1 Adam, 2 SGD, 3 SGD momentum; see blas.c). */
  optimizerRows(
    rule: number, param: Float32Array, grad: Float32Array, slot0: Float32Array | null, slot1: Float32Array | null,
    ids: Int32Array | null, d: number, h0: number, h1: number, h2: number, h3: number,
  ): void;
}

/** The kernel name of relu's backward pass dy·step(y) in one pass (inputs dy, y of one shape). */
export const NATIVE_RELU_GRAD = 'MaxellaReluGrad';

/** The kernel name of the fused softmax cross-entropy (inputs logits, labels; outputs loss, gradient). */
export const NATIVE_SOFTMAX_CROSS_ENTROPY = 'MaxellaSoftmaxCrossEntropy';

/** Where `node-gyp rebuild -C native/blas` puts the addon (a file path in Node; empty in a browser). */
export const NATIVE_BLAS_PATH = IN_NODE ? nodeModule('node:url', 'the native kernels').fileURLToPath(new URL('../../native/blas/build/Release/maxella_blas.node', import.meta.url)) : '';

let blas: NativeBlas | null | undefined;

/** The native BLAS addon, or undefined when absent or disabled (`MAXELLA_NATIVE=0`); loads once. */
export function loadNativeBlas(): NativeBlas | undefined {
  if (blas === undefined) {
    blas = null;
    if (IN_NODE && envVar('MAXELLA_NATIVE') !== '0' && nodeModule('node:fs', 'the native kernels').existsSync(NATIVE_BLAS_PATH)) {
      try {
        blas = nodeRequire(import.meta.url, 'the native kernels')(NATIVE_BLAS_PATH) as NativeBlas;
        const threads = Number(envVar('MAXELLA_NATIVE_THREADS'));
        if (Number.isInteger(threads) && threads > 0) blas.setThreads(threads);
      } catch (error) {
        console.warn(`maxella: the native kernels in ${NATIVE_BLAS_PATH} did not load (${(error as Error).message}); using wasm`);
        blas = null;
      }
    }
  }
  return blas ?? undefined;
}

/** Sets OpenBLAS' thread count (no-op without the addon). */
export function setNativeThreads(n: number): void {
  loadNativeBlas()?.setThreads(n);
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs: Record<string, unknown> };
/** A kernel function as the registry stores it. */
export type KernelImpl = (args: KernelArgs) => tf.TensorInfo;

/** The parts of the wasm backend the native kernel touches. */
interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(id: tf.DataId): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

let enabled = true;
let installed = false;

/** Turns the installed native kernels on or off at run time (off: they call the wasm fallback). */
export function setNativeKernelsEnabled(on: boolean): void {
  enabled = on;
}

/**
 * The addon for the kernels on plain typed arrays (embedding gathers, sparse gradient sums, optimizer
 * rows), or undefined when it is absent or turned off with `setNativeKernelsEnabled(false)`.
 */
export function nativeArrayKernels(): NativeBlas | undefined {
  return enabled ? loadNativeBlas() : undefined;
}

/** True when the native kernels are registered and enabled. */
export function nativeKernelsActive(): boolean {
  return installed && enabled;
}

/** Product of the batch (leading) dimensions. */
function batchSize(shape: number[]): number {
  return shape.slice(0, -2).reduce((p, d) => p * d, 1);
}

/**
 * A BatchMatMul kernel calling OpenBLAS on the wasm heap: transposes are sgemm flags (no copies),
 * batched inputs loop over equal batches or broadcast a single matrix. Anything else (non-float32,
 * empty tensors, other broadcasts, a heap it cannot see) goes to `fallback`.
 */
export function makeNativeBatchMatMul(native: NativeBlas, fallback: KernelImpl): KernelImpl {
  return (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const backend = args.backend as WasmBackendLike;
    if (!nativeApplies(backend, [a, b])) return fallback(args);
    const transposeA = Boolean(args.attrs.transposeA);
    const transposeB = Boolean(args.attrs.transposeB);
    const ra = a.shape.length;
    const rb = b.shape.length;
    const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
    const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
    const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
    const kb = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
    const batchA = batchSize(a.shape);
    const batchB = batchSize(b.shape);
    const batch = Math.max(batchA, batchB);
    const sameBatchShape = ra === rb && a.shape.slice(0, -2).every((d, i) => d === b.shape[i]);
    const broadcastable = sameBatchShape || (batchA === 1 && ra <= rb) || (batchB === 1 && rb <= ra);
    if (k !== kb || m * n * k === 0 || !broadcastable) return fallback(args);
    const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const out = backend.makeOutput([...outer, m, n], 'float32');
    const heap = backend.wasm.HEAPU8.buffer as ArrayBuffer; // read after makeOutput: the heap may have grown
    const offset = (t: tf.TensorInfo) => heapOffset(backend, t);
    native.sgemm(heap, transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, offset(a), offset(b), offset(out),
      batch, batchA === 1 ? 0 : m * k, batchB === 1 ? 0 : k * n, m * n);
    return out;
  };
}

/** Float offset of a tensor on the wasm heap (-1 when the backend holds no data for it). */
function heapOffset(backend: WasmBackendLike, t: tf.TensorInfo): number {
  const offset = backend.dataIdMap.get(t.dataId)?.memoryOffset;
  return offset === undefined || offset % 4 !== 0 ? -1 : offset / 4;
}

/** True when the native path can run: enabled, inputs of the given dtypes that live on a visible wasm heap. */
function nativeApplies(backend: WasmBackendLike, inputs: tf.TensorInfo[], dtypes: tf.DataType[] = ['float32']): boolean {
  return enabled && Boolean(backend.wasm?.HEAPU8) && inputs.every((t) => dtypes.includes(t.dtype) && heapOffset(backend, t) >= 0);
}

/** 4-byte dtypes, which copy2d moves. */
const WORD_DTYPES: tf.DataType[] = ['float32', 'int32'];

function product(dims: number[]): number {
  return dims.reduce((p, d) => p * d, 1);
}

/** Concat along any axis as strided block copies (tfjs-wasm copies row by row in JS). */
export function makeNativeConcat(native: NativeBlas, fallback: KernelImpl): KernelImpl {
  return (args) => {
    const inputs = Object.values(args.inputs) as tf.TensorInfo[];
    const backend = args.backend as WasmBackendLike;
    const dtype = inputs[0]?.dtype;
    if (inputs.length < 2 || !nativeApplies(backend, inputs, WORD_DTYPES) || inputs.some((t) => t.dtype !== dtype || product(t.shape) === 0)) return fallback(args);
    const axis = tf.util.parseAxisParam(args.attrs.axis as number, inputs[0].shape)[0];
    tf.backend_util.assertParamsConsistent(inputs.map((t) => t.shape), axis);
    const outShape = tf.backend_util.computeOutShape(inputs.map((t) => t.shape), axis);
    const out = backend.makeOutput(outShape, dtype);
    const heap = backend.wasm.HEAPU8.buffer as ArrayBuffer;
    const rows = product(outShape.slice(0, axis));
    const width = product(outShape.slice(axis));
    let column = heapOffset(backend, out);
    for (const t of inputs) {
      const cols = product(t.shape.slice(axis));
      native.copy2d(heap, heapOffset(backend, t), cols, column, width, rows, cols);
      column += cols;
    }
    return out;
  };
}

/** SplitV (the gradient of Concat) as strided block copies. */
export function makeNativeSplitV(native: NativeBlas, fallback: KernelImpl): KernelImpl {
  return (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const backend = args.backend as WasmBackendLike;
    if (!nativeApplies(backend, [x], WORD_DTYPES) || product(x.shape) === 0) return fallback(args);
    const axis = tf.util.parseAxisParam(args.attrs.axis as number, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, args.attrs.numOrSizeSplits as number | number[], axis);
    if (sizes.some((s) => s <= 0)) return fallback(args);
    const outs = sizes.map((s) => backend.makeOutput(x.shape.map((d, i) => (i === axis ? s : d)), x.dtype));
    const heap = backend.wasm.HEAPU8.buffer as ArrayBuffer;
    const rows = product(x.shape.slice(0, axis));
    const width = product(x.shape.slice(axis));
    let column = heapOffset(backend, x);
    for (const out of outs) {
      const cols = product(out.shape.slice(axis));
      native.copy2d(heap, column, width, heapOffset(backend, out), cols, rows, cols);
      column += cols;
    }
    return outs as unknown as tf.TensorInfo;
  };
}

/** Exp on float32 tensors, vectorised natively. */
export function makeNativeExp(native: NativeBlas, fallback: KernelImpl): KernelImpl {
  return (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const backend = args.backend as WasmBackendLike;
    const n = tf.util.sizeFromShape(x.shape);
    if (n === 0 || !nativeApplies(backend, [x])) return fallback(args);
    const out = backend.makeOutput([...x.shape], 'float32');
    native.exp(backend.wasm.HEAPU8.buffer as ArrayBuffer, heapOffset(backend, x), heapOffset(backend, out), n);
    return out;
  };
}

/**
 * Sum (op 0) or Max (op 1) of float32 tensors over a contiguous run of axes (e.g. axis 0 of a
 * matrix, which tfjs-wasm does by transposing first, or the last axis). Other axis sets fall back.
 */
export function makeNativeReduce(native: NativeBlas, fallback: KernelImpl, op: 0 | 1, axisAttr: 'axis' | 'reductionIndices'): KernelImpl {
  return (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const backend = args.backend as WasmBackendLike;
    if (tf.util.sizeFromShape(x.shape) === 0 || !nativeApplies(backend, [x])) return fallback(args);
    const axes = [...new Set(tf.util.parseAxisParam(args.attrs[axisAttr] as number | number[], x.shape))].sort((p, q) => p - q);
    if (axes.length === 0 || axes.some((a, i) => a !== axes[0] + i)) return fallback(args);
    const first = axes[0];
    const last = axes[axes.length - 1];
    const keptShape = x.shape.filter((_, i) => i < first || i > last);
    const shape = args.attrs.keepDims ? x.shape.map((d, i) => (i >= first && i <= last ? 1 : d)) : keptShape;
    const out = backend.makeOutput(shape, 'float32');
    native.reduce(backend.wasm.HEAPU8.buffer as ArrayBuffer, op, heapOffset(backend, x), heapOffset(backend, out),
      product(x.shape.slice(0, first)), product(x.shape.slice(first, last + 1)), product(x.shape.slice(last + 1)));
    return out;
  };
}

/** TopK over the last axis: a threshold filter and quickselect per row, rows over both cores (tfjs-wasm's TopK was ~75% of a top-100 search). */
export function makeNativeTopK(native: NativeBlas, fallback: KernelImpl): KernelImpl {
  return (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const backend = args.backend as WasmBackendLike;
    const k = Number(args.attrs.k);
    const n = x.shape[x.shape.length - 1] ?? 0;
    if (!nativeApplies(backend, [x]) || !(k >= 1 && k <= n) || x.shape.length === 0) return fallback(args);
    const shape = [...x.shape.slice(0, -1), k];
    const values = backend.makeOutput(shape, 'float32');
    const indices = backend.makeOutput(shape, 'int32');
    native.topk(backend.wasm.HEAPU8.buffer as ArrayBuffer, heapOffset(backend, x), heapOffset(backend, values), heapOffset(backend, indices),
      product(x.shape.slice(0, -1)), n, k);
    return [values, indices] as unknown as tf.TensorInfo;
  };
}

/**
 * How often `small` repeats inside `big` when it broadcasts along leading axes only (equal shapes,
 * a scalar, or a row vector such as a bias): the period of `binary`, or 0 when it does not.
 */
function broadcastPeriod(big: number[], small: number[]): number {
  if (small.length > big.length) return 0;
  if (product(small) === 1) return 1;
  const tail = big.slice(big.length - small.length);
  const firstKept = small.findIndex((d) => d !== 1);
  const matches = small.every((d, i) => (i < firstKept ? d === 1 : d === tail[i]));
  return matches ? product(tail.slice(firstKept)) : 0;
}

/** Add (op 0), Sub (1) or Mul (2) of float32 tensors where one broadcasts along leading axes (a bias). */
export function makeNativeBinary(native: NativeBlas, fallback: KernelImpl, op: 0 | 1 | 2): KernelImpl {
  return (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const backend = args.backend as WasmBackendLike;
    if (!nativeApplies(backend, [a, b]) || product(a.shape) === 0 || product(b.shape) === 0) return fallback(args);
    let [x, y] = [a, b];
    let period = broadcastPeriod(a.shape, b.shape);
    if (!period && op !== 1) {
      [x, y] = [b, a];
      period = broadcastPeriod(b.shape, a.shape);
    }
    if (!period) return fallback(args);
    const out = backend.makeOutput([...x.shape], 'float32');
    native.binary(backend.wasm.HEAPU8.buffer as ArrayBuffer, op, heapOffset(backend, x), heapOffset(backend, y), heapOffset(backend, out), product(x.shape), period);
    return out;
  };
}

/** Relu (op 0) and Step (op 1) of float32 tensors. */
export function makeNativeUnary(native: NativeBlas, fallback: KernelImpl, op: 0 | 1): KernelImpl {
  return (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const backend = args.backend as WasmBackendLike;
    const n = product(x.shape);
    if (n === 0 || !nativeApplies(backend, [x])) return fallback(args);
    const out = backend.makeOutput([...x.shape], 'float32');
    native.unary(backend.wasm.HEAPU8.buffer as ArrayBuffer, op, heapOffset(backend, x), heapOffset(backend, out), n, Number(args.attrs?.alpha ?? 0));
    return out;
  };
}

/**
 * _FusedMatMul (tf.fused.matMul, what Dense calls) with a linear or relu activation: the native
 * BatchMatMul, then the bias added and relu applied in place. Prelu, other activations, and a bias
 * that is not a row vector go to `fallback`.
 */
export function makeNativeFusedMatMul(native: NativeBlas, fallback: KernelImpl, batchMatMul: KernelImpl): KernelImpl {
  return (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const backend = args.backend as WasmBackendLike;
    const activation = args.attrs.activation;
    if (!a || !b || preluActivationWeights || (activation !== 'linear' && activation !== 'relu') || !nativeApplies(backend, bias ? [a, b, bias] : [a, b])) return fallback(args);
    const n = args.attrs.transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
    const biasIsRow = !bias || (product(bias.shape) === n && bias.shape[bias.shape.length - 1] === n && bias.shape.length <= a.shape.length);
    if (!biasIsRow) return fallback(args);
    const out = batchMatMul({ inputs: { a, b }, backend, attrs: { transposeA: args.attrs.transposeA, transposeB: args.attrs.transposeB } });
    const size = product(out.shape);
    if (size === 0) return out; // nothing to add a bias to
    const at = heapOffset(backend, out);
    const heap = backend.wasm.HEAPU8.buffer as ArrayBuffer;
    if (bias) native.binary(heap, 0, at, heapOffset(backend, bias), at, size, n);
    if (activation === 'relu') native.unary(heap, 0, at, at, size, 0);
    return out;
  };
}

/** dy·step(y) for float32 dy and y of one shape. */
function makeNativeReluGrad(native: NativeBlas): KernelImpl {
  return (args) => {
    const { dy, y } = args.inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
    const backend = args.backend as WasmBackendLike;
    const n = product(dy.shape);
    if (!nativeApplies(backend, [dy, y]) || n === 0 || !tf.util.arraysEqual(dy.shape, y.shape)) {
      throw new Error(`${NATIVE_RELU_GRAD}: dy and y must be float32 tensors of one non-empty shape on the wasm heap`);
    }
    const out = backend.makeOutput([...dy.shape], 'float32');
    native.binary(backend.wasm.HEAPU8.buffer as ArrayBuffer, 3, heapOffset(backend, dy), heapOffset(backend, y), heapOffset(backend, out), n, n);
    return out;
  };
}

/** The fused kernel: `[loss (rows), gradient (rows × cols)]` of 2-D float32 logits and labels. */
function makeNativeSoftmaxCrossEntropy(native: NativeBlas): KernelImpl {
  return (args) => {
    const { logits, labels } = args.inputs as { logits: tf.TensorInfo; labels: tf.TensorInfo };
    const backend = args.backend as WasmBackendLike;
    if (!nativeApplies(backend, [logits, labels])) throw new Error(`${NATIVE_SOFTMAX_CROSS_ENTROPY}: inputs must be float32 tensors on the wasm heap`);
    const [rows, cols] = logits.shape;
    const loss = backend.makeOutput([rows], 'float32');
    const gradient = backend.makeOutput([rows, cols], 'float32');
    native.softmaxCrossEntropy(backend.wasm.HEAPU8.buffer as ArrayBuffer, heapOffset(backend, logits), heapOffset(backend, labels),
      heapOffset(backend, loss), heapOffset(backend, gradient), rows, cols);
    return [loss, gradient] as unknown as tf.TensorInfo;
  };
}

/**
 * Registers the native kernels for the wasm backend: BatchMatMul (on top of `batchMatMulFallback`,
 * the kernel it replaces or a wrapper of it), Exp, Sum, Max, Concat, SplitV and TopK (on top of the stock
 * ones), and the fused softmax cross-entropy kernel. Returns
 * false, changing nothing, when the addon is absent or disabled.
 */
export function registerNativeKernels(batchMatMulFallback: KernelImpl): boolean {
  if (installed) return true;
  const native = loadNativeBlas();
  if (!native || !tf.getKernel(tf.BatchMatMul, 'wasm')) return false;
  const batchMatMul = makeNativeBatchMatMul(native, batchMatMulFallback);
  const replacements: [string, (fallback: KernelImpl) => KernelImpl][] = [
    [tf.BatchMatMul, () => batchMatMul],
    [tf._FusedMatMul, (fallback) => makeNativeFusedMatMul(native, fallback, batchMatMul)],
    [tf.Exp, (fallback) => makeNativeExp(native, fallback)],
    [tf.Sum, (fallback) => makeNativeReduce(native, fallback, 0, 'axis')],
    [tf.Max, (fallback) => makeNativeReduce(native, fallback, 1, 'reductionIndices')],
    [tf.Concat, (fallback) => makeNativeConcat(native, fallback)],
    [tf.SplitV, (fallback) => makeNativeSplitV(native, fallback)],
    [tf.TopK, (fallback) => makeNativeTopK(native, fallback)],
    [tf.Add, (fallback) => makeNativeBinary(native, fallback, 0)],
    [tf.Sub, (fallback) => makeNativeBinary(native, fallback, 1)],
    [tf.Multiply, (fallback) => makeNativeBinary(native, fallback, 2)],
    [tf.Relu, (fallback) => makeNativeUnary(native, fallback, 0)],
    [tf.Step, (fallback) => makeNativeUnary(native, fallback, 1)],
  ];
  for (const [name, make] of replacements) {
    const stock = tf.getKernel(name, 'wasm');
    if (!stock) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...stock, kernelFunc: make(stock.kernelFunc as unknown as KernelImpl) as unknown as tf.KernelFunc });
  }
  tf.registerKernel({ kernelName: NATIVE_SOFTMAX_CROSS_ENTROPY, backendName: 'wasm', kernelFunc: makeNativeSoftmaxCrossEntropy(native) as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: NATIVE_RELU_GRAD, backendName: 'wasm', kernelFunc: makeNativeReluGrad(native) as unknown as tf.KernelFunc });
  installed = true;
  return true;
}
