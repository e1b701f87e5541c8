import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, mock } from 'node:test';
import { Command } from 'commander';
import { registerSourceCommands } from './source-cli.ts';

async function run(...args: string[]): Promise<string> {
  const program = new Command('maxella').exitOverride();
  registerSourceCommands(program.command('data').exitOverride());
  const log = mock.method(console, 'log', () => undefined);
  try {
    await program.parseAsync(['node', 'maxella', 'data', ...args]);
    return log.mock.calls.map((c) => String(c.arguments[0])).join('\n');
  } finally {
    log.mock.restore();
  }
}

describe('maxella data synthetic / fetch', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'maxella-source-cli-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('writes a synthetic release where --out says', async () => {
    const out = join(scratch, 'data', 'ml-1m');
    const said = await run('synthetic', '--format', '1m', '--ratings', '3_000', '--out', out, '--seed', '5');
    assert.match(said, /^wrote 3000 ratings, \d+ users, \d+ movies \(1m, seed 5\) to .*ml-1m in [\d.]+ s$/);
    assert.deepEqual(readdirSync(out).sort(), ['README', 'movies.dat', 'ratings.dat', 'users.dat']);
  });

  it('fetch prints the folder of a release found locally, and refuses unknown names', async () => {
    process.env.MAXELLA_DATA_DIR = join(scratch, 'data');
    try {
      assert.equal(await run('fetch', 'ml-1m', '--no-progress'), join(scratch, 'data', 'ml-1m'));
    } finally {
      delete process.env.MAXELLA_DATA_DIR;
    }
    await assert.rejects(run('fetch', 'ml-9m'), /unknown release "ml-9m"/);
    await assert.rejects(run('synthetic', '--format', '2m', '--out', scratch), /unknown format "2m"/);
  });
});
