/**
 * The `maxella bench` command: lists the benchmarks under bench/ and runs one in a child process
 * (`maxella bench train --seconds 2`); options after the name go to the benchmark unchanged.
 */
import type { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from './util/usage-error.ts';

/** A runnable benchmark: its name, entry script (relative to the repository root) and what it measures. */
export interface BenchmarkEntry {
  name: string;
  script: string;
  description: string;
}

/** The benchmarks `maxella bench` knows. */
export const BENCHMARKS: readonly BenchmarkEntry[] = [
  { name: 'train', script: 'bench/train/run.ts', description: 'training ex/s and top-100 queries/s, Maxella vs PyTorch (two-tower, ranking, DCN-v2, brute force)' },
  { name: 'data', script: 'bench/data/parse.ts', description: 'MovieLens parse speed and peak memory vs pandas' },
  { name: 'eda', script: 'bench/eda/report.ts', description: 'the whole EDA report on ML-1M-sized data, statistics vs pandas' },
  { name: 'serve', script: 'bench/serve/load.ts', description: 'HTTP load test of the served app (requests/s, p50/p99 latency)' },
  { name: 'replicas', script: 'bench/serve/replicas.ts', description: 'one replica vs two behind HAProxy on PostgreSQL (requests/s, p99; interleaved repeats)' },
  { name: 'fold-in', script: 'bench/serve/fold-in.ts', description: 'a new rating → the new top-10 over HTTP, no retrain (min/median/p99/max), vs a full refit' },
  { name: 'ann', script: 'bench/ann/run.ts', description: 'approximate top-K at 1 M candidates: recall@10/@100, queries/s vs batched brute force, build time (IvfIndex, usearch, hnswlib-node)' },
  { name: 'scale', script: 'bench/scale/run.ts', description: 'the app on synthetic ML-25M-format data of 1 M, 5 M, 25 M ratings: load, train, index, evaluate, serve start (time, peak RSS, growth)' },
];

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The benchmark list as printed by `maxella bench`. */
export function benchmarkList(): string {
  const width = Math.max(...BENCHMARKS.map((b) => b.name.length));
  return BENCHMARKS.map((b) => `  ${b.name.padEnd(width)}  ${b.description}${existsSync(repoRoot + b.script) ? '' : ' (missing)'}`).join('\n');
}

/** Registers `bench [name] [args...]`. */
export function registerBenchCommands(program: Command): void {
  program
    .command('bench')
    .description('list the benchmarks under bench/, or run one: maxella bench train [--seconds 3 --repeats 3 ...]')
    .argument('[name]', 'benchmark to run')
    .argument('[args...]', 'options passed to the benchmark')
    .allowUnknownOption()
    .helpOption(false)
    .action((name: string | undefined, args: string[]) => {
      if (!name || name === '--help' || name === '-h') {
        console.log(`Usage: maxella bench [name] [options]\n\nbenchmarks (run one with: maxella bench <name> [options]; <name> --help shows its options):\n${benchmarkList()}`);
        return;
      }
      const entry = BENCHMARKS.find((b) => b.name === name);
      if (!entry) throw new UsageError(`unknown benchmark '${name}'; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
      const result = spawnSync(process.execPath, ['--import', 'tsx', repoRoot + entry.script, ...args], { stdio: 'inherit', cwd: repoRoot });
      if (result.error) throw result.error;
      if (result.status !== 0) process.exitCode = result.status ?? 1;
    });
}
