/**
 * `maxella`: the one command-line entry point.
 *
 * Each concern registers its own sub-commands from its folder; heavy modules are imported lazily
 * inside the actions so that `maxella --help` stays fast. Every command has `--help`. Exit codes:
 * 0 success (and `--help`), 1 failure (the message says what and where), 2 usage error (unknown
 * command or option, missing or malformed argument).
 */
import { Command, CommanderError } from 'commander';
import { registerDataCommands } from './data/cli.ts';
import { registerTrainCommands } from './serve/train-cli.ts';
import { registerServeCommands } from './serve/cli.ts';
import { registerEdaCommands } from './eda/cli.ts';
import { registerExperimentCommands } from './experiments/cli.ts';
import { registerBenchCommands } from './bench-cli.ts';
import { peakMemoryLine } from './util/memory.ts';
import { UsageError } from './util/usage-error.ts';

/** Long jobs that print their peak memory when their action ends (for serve/start: once the app listens). */
const PEAK_MEMORY_COMMANDS = new Set(['train', 'serve', 'start', 'experiments', 'eda']);

export function buildProgram(): Command {
  const program = new Command('maxella')
    .description('Maxella: TensorFlow-Recommenders-style recommenders in TypeScript, and a movie recommender app.')
    .showHelpAfterError()
    // Usage errors throw instead of exiting, so they can exit with 2 (sub-commands inherit this).
    .exitOverride();
  registerDataCommands(program);
  registerTrainCommands(program);
  registerServeCommands(program);
  registerEdaCommands(program);
  registerExperimentCommands(program);
  registerBenchCommands(program);
  program.hook('postAction', (_program, action) => {
    let command: Command | null = action;
    while (command && command.parent !== program) command = command.parent;
    if (command && PEAK_MEMORY_COMMANDS.has(command.name())) console.error(peakMemoryLine(`maxella ${command.name()}`));
  });
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander printed the message (or the help) already; help and version exit with 0, usage errors otherwise.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    console.error(`maxella: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
