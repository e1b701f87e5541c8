/** The command line's conventions: `--help` on every command, exit codes 0 / 1 / 2, no third-party banners. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'maxella.js');
const maxella = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

test('every command answers --help with exit code 0', () => {
  const top = maxella('--help');
  assert.equal(top.status, 0);
  const commands = [...top.stdout.split('Commands:')[1].matchAll(/^ {2}([a-z-]+)\b/gm)].map((m) => m[1]).filter((c) => c !== 'help');
  assert.ok(commands.length >= 6, top.stdout);
  for (const command of commands) {
    const help = maxella(command, '--help');
    assert.equal(help.status, 0, `${command} --help: ${help.stderr}`);
    assert.match(help.stdout, new RegExp(`Usage: maxella ${command}`));
  }
});

test('usage errors exit with 2, failures with 1, each with a message', () => {
  for (const args of [['no-such-command'], ['train', '--no-such-option'], ['serve', '--port', 'abc']]) {
    const run = maxella(...args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.ok(run.stderr.trim().length > 0);
  }
  const failed = maxella('data', 'info', 'ml-9m');
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /unknown dataset "ml-9m"/);
  assert.doesNotMatch(failed.stdout + failed.stderr, /Hi, looks like you are running TensorFlow/);
});

test('every benchmark answers --help with its options, and a bad option with exit code 2 before it runs', async () => {
  const { BENCHMARKS } = await import('./bench-cli.ts');
  for (const { name } of BENCHMARKS) {
    const help = maxella('bench', name, '--help');
    assert.equal(help.status, 0, `bench ${name} --help: ${help.stderr}`);
    assert.match(help.stdout, new RegExp(`Usage: maxella bench ${name} \\[options\\][\\s\\S]*Options:\\n  --`));
    const bad = maxella('bench', name, '--no-such-option');
    assert.equal(bad.status, 2, `bench ${name} --no-such-option: ${bad.stderr}`);
    assert.match(bad.stderr, /Unknown option '--no-such-option'/);
  }
  const value = maxella('bench', 'data', '--ratings', 'many');
  assert.equal(value.status, 2);
  assert.match(value.stderr, /--ratings must be a positive integer, got 'many'/);
});

test('--json and --quiet: one JSON object on stdout, or only where the report went', () => {
  const out = mkdtempSync(join(tmpdir(), 'maxella-cli-'));
  try {
    const json = maxella('experiments', 'run', '--quick', '--only', 'baselines', '--json', '--out', out);
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { report: string; failures: string[]; results: { name: string; tables: unknown[] }[] };
    assert.equal(parsed.report, join(out, 'report.md'));
    assert.deepEqual(parsed.failures, []);
    assert.equal(parsed.results[0].name, 'baselines');
    assert.ok(parsed.results[0].tables.length > 0);
    const quiet = maxella('experiments', 'run', '--quick', '--only', 'baselines', '--quiet', '--out', out);
    assert.equal(quiet.status, 0, quiet.stderr);
    assert.equal(quiet.stdout, `wrote ${join(out, 'report.md')}\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
