import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticMovieLens } from '../data/synthetic.ts';
import { EXPERIMENT_NAMES, selectExperiments } from './registry.ts';
import { runExperiments } from './runner.ts';
import { compareWithSeeds } from './comparison.ts';
import { meanStd } from './stats.ts';

test('every experiment runs end to end (--quick) on synthetic ML-1M-format data and reports every table', async () => {
  const root = mkdtempSync(join(tmpdir(), 'maxella-experiments-'));
  try {
    const data = join(root, 'ml-1m-synthetic');
    await writeSyntheticMovieLens(data, { format: '1m', ratings: 8000, seed: 3 });
    const out = join(root, 'out');
    const logs: string[] = [];
    const { results, failures } = await runExperiments({ dataset: data, quick: true, out, jobs: 2, log: (m) => { logs.push(m); if (process.env.MAXELLA_TEST_LOG) console.log(m); } });
    assert.deepEqual(failures, [], failures.join('\n'));
    assert.deepEqual(results.map((r) => r.name), EXPERIMENT_NAMES);
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const result of results) {
      assert.ok(result.tables.length > 0, `${result.name} produced no table`);
      for (const table of result.tables) {
        assert.ok(markdown.includes(`### ${table.title}`), `report.md lacks "${table.title}"`);
        assert.ok(html.includes(table.title.replace(/&/g, '&amp;')), `report.html lacks "${table.title}"`);
        for (const row of table.rows) {
          for (const metric of table.metrics) {
            const stat = row.maxella[metric.key];
            if (stat) assert.ok(Number.isFinite(stat.mean), `${result.name} / ${row.label} / ${metric.key} is ${stat.mean}`);
          }
        }
      }
    }
    // Every seed table is there with its seed numbers beside Maxella's.
    const cited = new Set(results.flatMap((r) => r.tables.map((t) => t.citation?.where)).filter(Boolean));
    for (const where of ['Table 7', 'Table 8']) assert.ok(cited.has(where), `no table cites seed 004 ${where}`);
    assert.ok(compareWithSeeds(results).length >= 20, 'expected the seeds\' numbers to be compared');
    assert.ok((html.match(/<svg/g) ?? []).length >= results.length, 'report.html should inline the charts as SVG');
    assert.ok(!/<script|https?:\/\/(?!www\.w3\.org|vega\.github\.io)/.test(html.replace(/xmlns(:xlink)?="[^"]*"/g, '')), 'report.html must be self-contained');
    const tuningDirs = readdirSync(out).filter((d) => d.startsWith('tuning-'));
    assert.ok(tuningDirs.some((d) => existsSync(join(out, d, 'best-config.json'))), `tuning saves its best config (found ${tuningDirs.join(', ') || 'no tuning folder'})`);
    assert.ok(logs.some((l) => l.includes('wrote')), 'prints where the report went');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('selectExperiments checks --only names and keeps report order', () => {
  assert.deepEqual(selectExperiments('baselines,dcn'), ['dcn', 'baselines']);
  assert.throws(() => selectExperiments('dcn,nope'), /unknown experiment nope/);
});

test('meanStd uses the sample standard deviation', () => {
  const s = meanStd([1, 2, 3, 4]);
  assert.equal(s.mean, 2.5);
  assert.ok(Math.abs(s.std - Math.sqrt(5 / 3)) < 1e-12);
  assert.equal(meanStd([7]).std, 0);
});
