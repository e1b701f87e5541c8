/**
 * The tensor engine: TensorFlow.js core plus one backend, chosen once per process.
 *
 * Everyone imports `tf` from here (`import { tf, initEngine } from '../engine/index.ts'`) and calls
 * `await initEngine()` before the first tensor op. Backends, in order of preference for `'auto'`:
 * `tensorflow` (`@tensorflow/tfjs-node`, optional, only when installed), `wasm` (default, SIMD, one
 * thread in Node), `cpu` (plain JS). The environment variable `MAXELLA_BACKEND` overrides `prefer`;
 * `MAXELLA_FAST_MATMUL=0` keeps the stock wasm matMul (for before/after measurements, see kernels.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { envVar, IN_NODE, nodeModule, nodeRequire } from '../util/platform.ts';
import { fastMatMulInstalled, installSumGradient, registerFastMatMul } from './kernels.ts';
import { registerAllGradients } from './gradients.ts';

export { tf };
export { registerAllGradients };

/** A backend choice: `'auto'` picks the best one that loads. */
export type BackendPreference = 'auto' | 'wasm' | 'cpu' | 'tensorflow';

const PREFERENCES: readonly BackendPreference[] = ['auto', 'wasm', 'cpu', 'tensorflow'];
let ready: Promise<string> | undefined;

/** Options of `initEngine`. */
export interface EngineOptions {
  /**
   * In a browser: the URL of the folder serving the wasm backend's `.wasm` files (copied from
   * `@tensorflow/tfjs-backend-wasm/dist/`), or a map from file name to URL. Default: the page's folder.
   * In Node they are read from the installed package and this is ignored.
   */
  wasmPaths?: string | Record<string, string>;
}

async function tryTensorflow(): Promise<boolean> {
  if (!IN_NODE) return false;
  try {
    const name = '@tensorflow/tfjs-node'; // a variable: the package is optional and not type-checked
    await import(name);
    return await tf.setBackend('tensorflow');
  } catch {
    return false;
  }
}

async function tryWasm(options: EngineOptions): Promise<boolean> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (IN_NODE) {
      // In Node the .wasm binaries are read from the package's dist folder by file path.
      const { dirname, join } = nodeModule('node:path', 'the wasm backend');
      const dist = dirname(nodeRequire(import.meta.url, 'the wasm backend').resolve('@tensorflow/tfjs-backend-wasm'));
      wasm.setWasmPaths(join(dist, '/'));
    } else if (options.wasmPaths !== undefined) {
      wasm.setWasmPaths(options.wasmPaths as string);
    }
    const ok = await withoutNewProcessHandlers(() => tf.setBackend('wasm'));
    if (!ok) return false;
    if (envVar('MAXELLA_FAST_MATMUL') !== '0') registerFastMatMul();
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `start` and removes the process-wide error handlers it installed. Emscripten's wasm glue adds
 * `uncaughtException` / `unhandledRejection` handlers that rethrow, printing tens of kilobytes of its
 * minified source before any later error; without them Node reports errors as usual.
 */
async function withoutNewProcessHandlers<T>(start: () => Promise<T>): Promise<T> {
  if (!IN_NODE) return start();
  const before = {
    uncaughtException: new Set(process.listeners('uncaughtException')),
    unhandledRejection: new Set(process.listeners('unhandledRejection')),
  };
  try {
    return await start();
  } finally {
    for (const l of process.listeners('uncaughtException')) if (!before.uncaughtException.has(l)) process.removeListener('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!before.unhandledRejection.has(l)) process.removeListener('unhandledRejection', l);
  }
}

async function tryCpu(): Promise<boolean> {
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) return false;
  // The CPU backend prints a "install tfjs-node" banner on its first tensor; Maxella says which backend it uses itself.
  (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
  return true;
}

async function select(prefer: BackendPreference, options: EngineOptions): Promise<string> {
  const tryWasmHere = (): Promise<boolean> => tryWasm(options);
  const order: Record<BackendPreference, (() => Promise<boolean>)[]> = {
    auto: [tryTensorflow, tryWasmHere, tryCpu],
    tensorflow: [tryTensorflow, tryWasmHere, tryCpu],
    wasm: [tryWasmHere, tryCpu],
    cpu: [tryCpu],
  };
  for (const attempt of order[prefer]) if (await attempt()) break;
  await tf.ready();
  await registerAllGradients();
  if (fastMatMulInstalled()) installSumGradient();
  if (prefer !== 'auto' && tf.getBackend() !== prefer) {
    console.warn(`maxella: backend '${prefer}' is unavailable, using '${tf.getBackend()}'`);
  }
  return tf.getBackend();
}

/**
 * Selects and initialises the backend once; later calls return the same promise (whatever they
 * ask for). Resolves to the backend name: `'tensorflow'`, `'wasm'` or `'cpu'`.
 */
export function initEngine(prefer: BackendPreference = 'auto', options: EngineOptions = {}): Promise<string> {
  if (!ready) {
    const fromEnv = envVar('MAXELLA_BACKEND') as BackendPreference | undefined;
    if (fromEnv && !PREFERENCES.includes(fromEnv)) {
      throw new Error(`MAXELLA_BACKEND='${fromEnv}' is not one of ${PREFERENCES.join(', ')}`);
    }
    ready = select(fromEnv ?? prefer, options);
  }
  return ready;
}

/** The active backend name (call after `initEngine`). */
export function backendName(): string {
  return tf.getBackend();
}
