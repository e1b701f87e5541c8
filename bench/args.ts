/**
 * Command-line options of the bench scripts: node's `parseArgs` (strict), plus `--help` / `-h`, which
 * prints the options with their defaults and exits, and a bad or unknown option, which prints what was
 * wrong and the usage and exits with status 2 (instead of a stack trace, or running a long benchmark
 * with the option ignored).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** One option: a string value (or a flag) with its default and a line of help. */
export interface BenchOption {
  type: 'string' | 'boolean';
  default?: string | boolean;
  help: string;
}

/** The parsed values: strings for string options, booleans for flags (undefined when absent without default). */
export type BenchValues<O extends Record<string, BenchOption>> = {
  [K in keyof O]: O[K]['type'] extends 'boolean' ? boolean | undefined : string | undefined;
};

/** The usage text of `maxella bench <name>`. */
export function benchUsage(name: string, summary: string, options: Record<string, BenchOption>): string {
  const lines = Object.entries(options).map(([key, o]) => {
    const flag = `  --${key}${o.type === 'string' ? ' <value>' : ''}`;
    return `${flag.padEnd(28)} ${o.help}${o.default !== undefined && o.default !== '' ? ` (default ${o.default})` : ''}`;
  });
  return [`Usage: maxella bench ${name} [options]`, '', summary, '', 'Options:', ...lines, `${'  --help'.padEnd(28)} this text`].join('\n');
}

/** Parses `argv` against `options` (see the module doc). */
export function benchArgs<O extends Record<string, BenchOption>>(name: string, summary: string, options: O, argv = process.argv.slice(2)): BenchValues<O> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(benchUsage(name, summary, options));
    process.exit(0);
  }
  const config = Object.fromEntries(Object.entries(options).map(([key, o]) => [key, o.default === undefined ? { type: o.type } : { type: o.type, default: o.default }]));
  try {
    return parseArgs({ args: argv, options: config as NonNullable<ParseArgsConfig['options']>, strict: true }).values as BenchValues<O>;
  } catch (error) {
    console.error(`maxella bench ${name}: ${(error as Error).message}\n\n${benchUsage(name, summary, options)}`);
    process.exit(2);
  }
}

/** `text` as a positive integer (or any positive number when `integer` is false); anything else exits with status 2 naming `--name`. */
export function positive(name: string, text: string | undefined, integer = true): number {
  const n = Number(text);
  if (!(n > 0) || (integer && !Number.isInteger(n))) {
    console.error(`maxella bench: --${name} must be a positive ${integer ? 'integer' : 'number'}, got '${text}'`);
    process.exit(2);
  }
  return n;
}
