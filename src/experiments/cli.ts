/** The `maxella experiments` sub-commands. */
import type { Command } from 'commander';

export function registerExperimentCommands(program: Command): void {
  void program;
}
