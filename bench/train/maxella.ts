/**
 * Maxella side of bench/train: times the workloads of workloads.ts and prints one JSON object shaped
 * like reference.py's:
 *
 *   node --import tsx bench/train/maxella.ts [--workloads two-tower,ranking,dcn,top100] [--batch 4096]
 *       [--seconds 3] [--warmup 3] [--thread-counts 1,2]
 *
 * With the native kernels (native/blas) each workload runs once per OpenBLAS thread count and keeps
 * the faster, as the PyTorch reference does; without them (or `MAXELLA_NATIVE=0`) it runs once on
 * the single wasm thread.
 */
import { benchArgs, positive } from '../args.ts';
import { initEngine, tf } from '../../src/engine/index.ts';
import { nativeKernelsActive, setNativeThreads } from '../../src/engine/native.ts';
import { peakRssBytes } from '../../src/util/memory.ts';
import { buildWorkload, parseWorkloads, WORKLOADS, type WorkloadName } from './workloads.ts';

/** One workload's speed (the same fields as reference.py prints). */
export interface WorkloadResult {
  examplesPerSecond: number;
  medianStepMs: number;
  steps: number;
  threads: number;
  byThreads?: Record<string, number>;
}

/** What one run of either side prints. */
export interface BenchOutput {
  tool: string;
  batch: number;
  workloads: Partial<Record<WorkloadName, WorkloadResult>>;
  /** Peak resident set size of the process that ran them. */
  peakRssBytes?: number;
}

/** Runs `step` `warmup` times, then until `seconds` pass (≥ 3 steps); examples/s from the median step. */
export function timeSteps(step: () => unknown, batch: number, seconds: number, warmup: number): Omit<WorkloadResult, 'threads'> {
  for (let i = 0; i < warmup; i++) step();
  const times: number[] = [];
  const started = performance.now();
  do {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  } while (performance.now() - started < seconds * 1000 || times.length < 3);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return { examplesPerSecond: (batch * 1000) / median, medianStepMs: median, steps: times.length };
}

/**
 * Training workloads repeat one batch, so the loss must be finite and fall between the first and the
 * last step; otherwise the speed is not worth reporting (a kernel computing the wrong thing is fast).
 */
export function checkLearning(name: string, first: number | void, last: number | void): void {
  if (first === undefined || last === undefined) return;
  if (!Number.isFinite(first) || !Number.isFinite(last) || !(last < first)) {
    throw new Error(`maxella bench: ${name} is not learning (loss ${first} → ${last}); refusing to report its speed`);
  }
}

/** Options of `runMaxella`. */
export interface MaxellaBenchOptions {
  workloads: WorkloadName[];
  batch: number;
  seconds: number;
  warmup: number;
  threadCounts: number[];
}

/** Times every workload (best over thread counts when the native kernels are active). */
export async function runMaxella(options: MaxellaBenchOptions): Promise<BenchOutput> {
  const backend = await initEngine();
  const native = nativeKernelsActive();
  const counts = native ? options.threadCounts : [1];
  const results: BenchOutput['workloads'] = {};
  for (const name of options.workloads) {
    let best: WorkloadResult | undefined;
    const byThreads: Record<string, number> = {};
    for (const threads of counts) {
      if (native) setNativeThreads(threads);
      const step = buildWorkload(name, options.batch);
      const firstLoss = step(); // the first step builds lazily created weights
      const before = tf.memory().numTensors;
      const result = { ...timeSteps(step, options.batch, options.seconds, Math.max(0, options.warmup - 1)), threads };
      const lastLoss = step();
      checkLearning(name, firstLoss, lastLoss);
      const leaked = tf.memory().numTensors - before;
      if (leaked > 0) console.error(`maxella bench: ${name} left ${leaked} tensors behind`);
      byThreads[String(threads)] = Math.round(result.examplesPerSecond);
      if (!best || result.examplesPerSecond > best.examplesPerSecond) best = result;
    }
    results[name] = { ...best!, byThreads };
  }
  return { tool: `maxella tfjs-core ${tf.version_core} ${backend}${native ? ' + native OpenBLAS' : ''}`, batch: options.batch, workloads: results, peakRssBytes: peakRssBytes() };
}

/** Parses the shared command-line options of maxella.ts and run.ts. */
export function parseBenchArgs(args: string[]): MaxellaBenchOptions & { values: Record<string, string | boolean | undefined> } {
  const values = benchArgs('train', 'Training examples/s and top-100 queries/s, Maxella beside PyTorch CPU, interleaved repeat by repeat.', {
    workloads: { type: 'string', default: WORKLOADS.join(','), help: `comma-separated, some of ${WORKLOADS.join(', ')}` },
    batch: { type: 'string', default: '4096', help: 'examples per step (queries per top-100 search)' },
    seconds: { type: 'string', default: '3', help: 'timed seconds per side, workload and thread count' },
    warmup: { type: 'string', default: '3', help: 'untimed steps first' },
    'thread-counts': { type: 'string', default: '1,2', help: 'OpenBLAS / torch thread counts tried (the faster kept)' },
    repeats: { type: 'string', default: '3', help: 'interleaved repeats (run.ts)' },
    out: { type: 'string', help: 'where run.ts writes its JSON (default bench/results/train-<date>.json)' },
  }, args);
  return {
    values,
    workloads: parseWorkloads(values.workloads!),
    batch: positive('batch', values.batch),
    seconds: positive('seconds', values.seconds, false),
    warmup: values.warmup === '0' ? 0 : positive('warmup', values.warmup),
    threadCounts: values['thread-counts']!.split(',').map((t) => positive('thread-counts', t)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = parseBenchArgs(process.argv.slice(2));
  console.log(JSON.stringify(await runMaxella(options)));
}
