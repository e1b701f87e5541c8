import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { dataInfo, registerDataCommands } from './cli.ts';
import { readMovieLens } from './readers/index.ts';
import { removeTempRelease, tiny1m, writeTempRelease } from './readers/temp-release.ts';

test('data info prints the summary (text and JSON) of a folder', async () => {
  const dir = writeTempRelease(tiny1m());
  try {
    const text = await dataInfo(dir, { load: (d) => readMovieLens(d) });
    assert.match(text, /Dataset ml-1m/);
    assert.match(text, /ratings\s+2\b/);
    const json = JSON.parse(await dataInfo(dir, { json: true, load: (d) => readMovieLens(d) }));
    assert.equal(json.counts.users, 2);
  } finally {
    removeTempRelease(dir);
  }
});

test('data info has help text; fetch and synthetic are registered beside it', () => {
  const program = new Command('maxella');
  registerDataCommands(program);
  const info = program.commands.find((c) => c.name() === 'data')!.commands.find((c) => c.name() === 'info')!;
  assert.match(info.helpInformation(), /statistics summary/);
  const data = program.commands.find((c) => c.name() === 'data')!;
  assert.deepEqual(data.commands.map((c) => c.name()).sort(), ['fetch', 'info', 'synthetic']);
});
