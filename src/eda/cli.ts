/** The `maxella eda` sub-commands. */
import type { Command } from 'commander';

export function registerEdaCommands(program: Command): void {
  void program;
}
