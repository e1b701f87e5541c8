/** The `maxella train` sub-commands. */
import type { Command } from 'commander';

export function registerTrainCommands(program: Command): void {
  void program;
}
