/**
 * bench/train: Maxella and its PyTorch reference side by side (`npx maxella bench train`).
 *
 *   node --import tsx bench/train/run.ts [--workloads two-tower,ranking,dcn,top100] [--batch 4096]
 *       [--seconds 3] [--warmup 3] [--thread-counts 1,2] [--repeats 3] [--out results.json]
 *
 * Each repeat runs every workload in maxella.ts and then in reference.py (A B A B …), each in a fresh
 * child process that steps for `--seconds` per thread count (both take the best of 1 and 2 threads).
 * The table shows the median over repeats of each side's examples/s (queries/s for top100) and the
 * min / median / max over repeats of the paired ratio Maxella ÷ PyTorch, with the spread of the load
 * average. The full record goes to bench/results/train-<time>.json (gitignored) unless --out says otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { positive } from '../args.ts';
import { mib, peakMemoryLine } from '../../src/util/memory.ts';
import { parseBenchArgs, type BenchOutput } from './maxella.ts';
import type { WorkloadName } from './workloads.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** Debian's interpreter, which has python3-torch (the pyenv `python3` on PATH may not). */
const PYTHON_CANDIDATES = ['/usr/bin/python3', 'python3'];
/** The target for the ratio Maxella ÷ PyTorch (issue 14: at or above PyTorch CPU on every workload). */
export const TARGET_RATIO: Record<WorkloadName, number> = { 'two-tower': 1.0, ranking: 1.0, dcn: 1.0, top100: 1.0 };

/** A Python with torch, or undefined. */
function torchPython(): string | undefined {
  for (const candidate of PYTHON_CANDIDATES) {
    try {
      execFileSync(candidate, ['-c', 'import torch'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

function runJson(command: string, args: string[]): BenchOutput {
  const stdout = execFileSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as BenchOutput;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median examples/s per workload over runs of one side. */
function medians(runs: BenchOutput[], workloads: WorkloadName[]): Map<WorkloadName, number> {
  return new Map(workloads.map((w) => [w, median(runs.map((r) => r.workloads[w]?.examplesPerSecond ?? NaN))]));
}

/** min / median / max of a list (NaN-free). */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** The spread of `values`, NaNs dropped (undefined when none is left). */
export function spread(values: number[]): Spread | undefined {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return undefined;
  return { min: Math.min(...finite), median: median(finite), max: Math.max(...finite) };
}

/** One row of the table. */
export interface ComparisonRow {
  workload: WorkloadName;
  /** Median examples/s (queries/s for top100) over repeats. */
  maxella: number;
  pytorch: number | undefined;
  /** Spread of the per-repeat ratios Maxella ÷ PyTorch (both sides of a repeat ran back to back). */
  ratio: Spread | undefined;
  target: number;
}

/** The optimizer algorithms both sides run (see reference.py). */
export const OPTIMIZERS = 'lazy on both sides: embedding tables update only the batch\'s rows (Adagrad; Adam as LazyAdam / torch SparseAdam), dense layers update densely';

/** Formats the comparison as a Markdown table. */
export function formatTable(rows: ComparisonRow[]): string {
  const lines = ['| workload | Maxella ex/s | PyTorch ex/s | ratio median | ratio min – max | target |', '|---|---:|---:|---:|---:|---:|'];
  const n = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en-US'));
  for (const r of rows) {
    const ratio = r.ratio === undefined ? '–' : `${r.ratio.median.toFixed(2)}${r.ratio.median >= r.target ? '' : ' (below)'}`;
    const range = r.ratio === undefined ? '–' : `${r.ratio.min.toFixed(2)} – ${r.ratio.max.toFixed(2)}`;
    lines.push(`| ${r.workload}${r.workload === 'top100' ? ' (queries/s)' : ''} | ${n(r.maxella)} | ${n(r.pytorch)} | ${ratio} | ${range} | ≥ ${r.target.toFixed(1)} |`);
  }
  return lines.join('\n');
}

/** One repeat of one workload: both sides' speeds and the 1-minute load average before each. */
interface PairedRun {
  repeat: number;
  workload: WorkloadName;
  maxella: number;
  pytorch: number | undefined;
  loadBefore: [number, number];
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const repeats = positive('repeats', options.values.repeats as string);
  const shared = ['--batch', String(options.batch), '--seconds', String(options.seconds),
    '--warmup', String(options.warmup), '--thread-counts', options.threadCounts.join(',')];
  const python = torchPython();
  if (!python) console.log('PyTorch is not installed (MAXELLA_BENCH=1 npm run setup installs python3-torch): Maxella only.');
  const loads: number[] = [loadavg()[0]];
  const maxellaRuns: BenchOutput[] = [];
  const pytorchRuns: BenchOutput[] = [];
  const paired: PairedRun[] = [];
  // Interleaved repeat by repeat (M, P, M, P, …, per workload) so that both sides meet the same
  // background load; the machine is shared and its load drifts within minutes.
  for (let r = 0; r < repeats; r++) {
    const maxella: BenchOutput = { tool: '', batch: options.batch, workloads: {} };
    const pytorch: BenchOutput = { tool: '', batch: options.batch, workloads: {} };
    for (const workload of options.workloads) {
      const loadM = loadavg()[0];
      const ours = runJson(process.execPath, ['--import', 'tsx', join(here, 'maxella.ts'), '--workloads', workload, ...shared]);
      maxella.tool = ours.tool;
      maxella.peakRssBytes = Math.max(maxella.peakRssBytes ?? 0, ours.peakRssBytes ?? 0);
      maxella.workloads[workload] = ours.workloads[workload];
      const loadP = loadavg()[0];
      if (python) {
        const theirs = runJson(python, [join(here, 'reference.py'), '--workloads', workload, ...shared]);
        pytorch.tool = theirs.tool;
        pytorch.peakRssBytes = Math.max(pytorch.peakRssBytes ?? 0, theirs.peakRssBytes ?? 0);
        pytorch.workloads[workload] = theirs.workloads[workload];
      }
      const run: PairedRun = { repeat: r + 1, workload, maxella: ours.workloads[workload]?.examplesPerSecond ?? NaN,
        pytorch: pytorch.workloads[workload]?.examplesPerSecond, loadBefore: [loadM, loadP] };
      paired.push(run);
      loads.push(loadavg()[0]);
      const ratio = run.pytorch ? ` ÷ PyTorch ${Math.round(run.pytorch)} = ${(run.maxella / run.pytorch).toFixed(2)}` : '';
      console.log(`repeat ${r + 1}/${repeats} ${workload}: Maxella ${Math.round(run.maxella)}${ratio} (load ${loadM.toFixed(1)}, ${loadP.toFixed(1)})`);
    }
    maxellaRuns.push(maxella);
    if (python) pytorchRuns.push(pytorch);
  }
  const ours = medians(maxellaRuns, options.workloads);
  const theirs = python ? medians(pytorchRuns, options.workloads) : undefined;
  const rows: ComparisonRow[] = options.workloads.map((workload) => {
    const ratios = paired.filter((p) => p.workload === workload && p.pytorch !== undefined).map((p) => p.maxella / p.pytorch!);
    return { workload, maxella: ours.get(workload)!, pytorch: theirs?.get(workload), ratio: python ? spread(ratios) : undefined, target: TARGET_RATIO[workload] };
  });
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`;
  const loadSpread = spread(loads)!;
  const load = `1-min load average min ${loadSpread.min.toFixed(1)} / median ${loadSpread.median.toFixed(1)} / max ${loadSpread.max.toFixed(1)}`;
  console.log(`\nbench/train, batch ${options.batch}, ${repeats} interleaved repeat(s) of ${options.seconds} s per side and thread count; ${machine}; ${load}`);
  console.log(`Maxella: ${maxellaRuns[0].tool}${python ? `; reference: ${pytorchRuns[0].tool}` : ''}`);
  console.log(`optimizers: ${OPTIMIZERS}\n`);
  console.log(formatTable(rows));
  const out = options.values.out ? String(options.values.out) : join(here, '..', 'results', `train-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine, load, loads, optimizers: OPTIMIZERS, options: { ...options, values: undefined }, rows, paired, maxellaRuns, pytorchRuns }, null, 2));
  console.log(`\nwrote ${out}`);
  const childPeak = (runs: BenchOutput[]) => mib(Math.max(0, ...runs.map((r) => r.peakRssBytes ?? 0)));
  console.log(`${peakMemoryLine('bench/train')}; its Maxella children ${childPeak(maxellaRuns)} MiB${python ? `, PyTorch children ${childPeak(pytorchRuns)} MiB` : ''} (largest)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
