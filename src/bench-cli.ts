/** The `maxella bench` sub-command: runs the benchmarks under bench/. */
import type { Command } from 'commander';

export function registerBenchCommands(program: Command): void {
  void program;
}
