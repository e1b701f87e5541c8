import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { dataInfo, registerDataCommands } from './cli.ts';
import { readMovieLens, type BadRowPolicy } from './readers/index.ts';
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

test('data info fails at a bad row by default; with --bad-rows drop it reads the rest and says what it dropped', async () => {
  const dir = writeTempRelease(tiny1m({ 'ratings.dat': '1::1::5::978300760\n1::1::4::978300761\n2::2::3::978302109\n' }));
  try {
    const load = (d: string, badRows: BadRowPolicy) => readMovieLens(d, { badRows });
    await assert.rejects(dataInfo(dir, { load }), /ratings\.dat:2: duplicate rating: userId 1 already rated movieId 1 \(first rated on line 1\)/);
    const text = await dataInfo(dir, { load, badRows: 'drop' });
    assert.match(text, /ratings\s+2\b/);
    assert.match(text, /dropped 1 bad row \(.*ratings\.dat: 1\); first: .*ratings\.dat:2: duplicate rating/);
    assert.equal(JSON.parse(await dataInfo(dir, { load, badRows: 'drop', json: true })).dropped.total, 1);
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
