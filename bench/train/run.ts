/**
 * bench/train: Maxella and its PyTorch reference side by side (`npx maxella bench train`).
 *
 *   node --import tsx bench/train/run.ts [--workloads two-tower,ranking,dcn,top100] [--batch 4096]
 *       [--seconds 3] [--warmup 3] [--thread-counts 1,2] [--repeats 3] [--out results.json]
 *
 * Each repeat runs every workload in maxella.ts and then in reference.py, each in a fresh child
 * process (both take the best of 1 and 2 threads); the table shows the median over repeats of each side's
 * examples/s (queries/s for top100) and the median over repeats of the ratio Maxella ÷ PyTorch. The full record goes to
 * bench/results/train-<time>.json (gitignored) unless --out says otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, type BenchOutput } from './maxella.ts';
import type { WorkloadName } from './workloads.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** Debian's interpreter, which has python3-torch (the pyenv `python3` on PATH may not). */
const PYTHON_CANDIDATES = ['/usr/bin/python3', 'python3'];
/** The issue's first targets for the ratio Maxella ÷ PyTorch. */
export const TARGET_RATIO: Record<WorkloadName, number> = { 'two-tower': 0.5, ranking: 0.5, dcn: 0.5, top100: 1.0 };

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

/** One row of the table. */
export interface ComparisonRow {
  workload: WorkloadName;
  maxella: number;
  pytorch: number | undefined;
  ratio: number | undefined;
  target: number;
}

/** Median examples/s per workload over runs of one side. */
function medians(runs: BenchOutput[], workloads: WorkloadName[]): Map<WorkloadName, number> {
  return new Map(workloads.map((w) => [w, median(runs.map((r) => r.workloads[w]?.examplesPerSecond ?? NaN))]));
}

/** Formats the comparison as a Markdown table. */
export function formatTable(rows: ComparisonRow[]): string {
  const lines = ['| workload | Maxella ex/s | PyTorch ex/s | Maxella ÷ PyTorch | target |', '|---|---:|---:|---:|---:|'];
  const n = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en-US'));
  for (const r of rows) {
    const ratio = r.ratio === undefined ? '–' : `${r.ratio.toFixed(2)}${r.ratio >= r.target ? '' : ' (below)'}`;
    lines.push(`| ${r.workload}${r.workload === 'top100' ? ' (queries/s)' : ''} | ${n(r.maxella)} | ${n(r.pytorch)} | ${ratio} | ≥ ${r.target.toFixed(1)} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const repeats = Number(options.values.repeats);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats must be a positive integer, got '${options.values.repeats}'`);
  const shared = ['--batch', String(options.batch), '--seconds', String(options.seconds),
    '--warmup', String(options.warmup), '--thread-counts', options.threadCounts.join(',')];
  const python = torchPython();
  if (!python) console.log('PyTorch is not installed (MAXELLA_BENCH=1 npm run setup installs python3-torch): Maxella only.');
  const startedLoad = loadavg()[0];
  const maxellaRuns: BenchOutput[] = [];
  const pytorchRuns: BenchOutput[] = [];
  // Each side's runs of one workload are interleaved (M, P, M, P, …) so that both meet the same
  // background load; the machine is shared and its load drifts within minutes.
  for (let r = 0; r < repeats; r++) {
    const maxella: BenchOutput = { tool: '', batch: options.batch, workloads: {} };
    const pytorch: BenchOutput = { tool: '', batch: options.batch, workloads: {} };
    for (const workload of options.workloads) {
      console.log(`run ${r + 1}/${repeats}: ${workload} ...`);
      const ours = runJson(process.execPath, ['--import', 'tsx', join(here, 'maxella.ts'), '--workloads', workload, ...shared]);
      maxella.tool = ours.tool;
      maxella.workloads[workload] = ours.workloads[workload];
      if (python) {
        const theirs = runJson(python, [join(here, 'reference.py'), '--workloads', workload, ...shared]);
        pytorch.tool = theirs.tool;
        pytorch.workloads[workload] = theirs.workloads[workload];
      }
    }
    maxellaRuns.push(maxella);
    if (python) pytorchRuns.push(pytorch);
  }
  const ours = medians(maxellaRuns, options.workloads);
  const theirs = python ? medians(pytorchRuns, options.workloads) : undefined;
  const rows: ComparisonRow[] = options.workloads.map((workload) => {
    // The ratio is the median of each repeat's ratio: the two sides of a repeat ran back to back.
    const paired = pytorchRuns.map((p, r) => (maxellaRuns[r].workloads[workload]?.examplesPerSecond ?? NaN) / (p.workloads[workload]?.examplesPerSecond ?? NaN));
    return { workload, maxella: ours.get(workload)!, pytorch: theirs?.get(workload), ratio: python ? median(paired) : undefined, target: TARGET_RATIO[workload] };
  });
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`;
  const load = `load average ${startedLoad.toFixed(1)} → ${loadavg()[0].toFixed(1)}`;
  console.log(`\nbench/train, batch ${options.batch}, median of ${repeats} run(s); ${machine}; ${load}`);
  console.log(`Maxella: ${maxellaRuns[0].tool}${python ? `; reference: ${pytorchRuns[0].tool}` : ''}\n`);
  console.log(formatTable(rows));
  const out = options.values.out ? String(options.values.out) : join(here, '..', 'results', `train-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine, load, options: { ...options, values: undefined }, rows, maxellaRuns, pytorchRuns }, null, 2));
  console.log(`\nwrote ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
