/**
 * EDA benchmark: the whole `maxella eda` report (load, every figure's statistics and charts, HTML and
 * CSV files) on ML-1M-sized data, a synthetic ML-1M-format folder (1,000,209 ratings, generated into
 * the cache on first run). The statistics are timed beside pandas doing the same aggregations on the
 * same files (bench/eda/report_reference.py, Debian's python3-pandas); target: whole report < 60 s.
 *
 *   node --import tsx bench/eda/report.ts [--ratings N]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enrichDataset, readExtraInfos } from '../../src/data/enrich.ts';
import { readMovieLens } from '../../src/data/readers/index.ts';
import { releaseCandidates, resolveDataset } from '../../src/data/source.ts';
import { buildReport, writeReport } from '../../src/eda/report.ts';
import { benchArgs, positive } from '../args.ts';

interface PandasTimes {
  load_s: number;
  statistics_s: number;
  stages: Record<string, number>;
}

const here = dirname(fileURLToPath(import.meta.url));
const args = benchArgs('eda', 'The whole EDA report on synthetic ML-1M-sized data, its statistics timed beside pandas.', {
  ratings: { type: 'string', default: '1000209', help: 'ratings of the synthetic dataset' },
});
const ratings = positive('ratings', args.ratings);

/** Seconds `fn` takes, with its result. */
async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, (performance.now() - start) / 1000];
}

/** pandas' times on `dir`, or undefined (with the reason printed) when pandas is missing. */
function pandasTimes(dir: string): PandasTimes | undefined {
  try {
    const out = execFileSync('/usr/bin/python3', [join(here, 'report_reference.py'), dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out.trim().split('\n').pop()!) as PandasTimes;
  } catch (error) {
    console.log(`pandas reference skipped (apt-get install python3-pandas): ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

const row = (name: string, ours: number | undefined, theirs: number | undefined) =>
  `${name.padEnd(36)} ${ours === undefined ? '-'.padStart(10) : ours.toFixed(3).padStart(10)} ${theirs === undefined ? '-'.padStart(10) : theirs.toFixed(3).padStart(10)} ${ours !== undefined && theirs ? (ours / theirs).toFixed(2).padStart(10) : '-'.padStart(10)}`;

console.log(`preparing synthetic:1m:${ratings} (generated into the cache on first run) ...`);
const dir = await resolveDataset(`synthetic:1m:${ratings}`);
const [ds, loadS] = await timed(() => readMovieLens(dir, { name: 'synthetic-1m' }));
const extra = releaseCandidates('ml-1m').map((d) => join(d, 'movies_extrainfos.dat')).find((f) => existsSync(f));
const [, enrichS] = await timed(async () => extra && enrichDataset(ds, await readExtraInfos(extra)));
const [report, reportS] = await timed(() => buildReport(ds));
const out = mkdtempSync(join(tmpdir(), 'maxella-eda-bench-'));
const [, writeS] = await timed(() => writeReport(report, out));
rmSync(out, { recursive: true, force: true });
const pandas = pandasTimes(dir);

console.log(`\nEDA report, ${ds.ratings.length.toLocaleString('en-US')} ratings, ${ds.users.length.toLocaleString('en-US')} users, ${ds.movies.length.toLocaleString('en-US')} movies (2 shared cores: timings are noisy)`);
console.log(`${'stage'.padEnd(36)} ${'Maxella s'.padStart(10)} ${'pandas s'.padStart(10)} ${'ratio'.padStart(10)}   (ratio = Maxella / pandas, lower is faster)`);
console.log(row('load files', loadS, pandas?.load_s));
console.log(row('join ratings with users and movies', undefined, pandas?.stages['join ratings with users and movies']));
for (const t of report.timings) console.log(row(`  ${t.id}`, t.computeMs / 1000, pandas?.stages[t.id]));
const statisticsS = report.timings.reduce((s, t) => s + t.computeMs, 0) / 1000;
const mirrored = report.timings.filter((t) => pandas?.stages[t.id] !== undefined).reduce((s, t) => s + t.computeMs, 0) / 1000;
console.log(row('statistics, all figures', statisticsS, undefined));
console.log(row('statistics pandas mirrors (+ join)', mirrored, pandas?.statistics_s));
const renderS = report.timings.reduce((s, t) => s + t.renderMs, 0) / 1000;
console.log(row('enrichment join (extrainfos)', enrichS, undefined));
console.log(row('charts to SVG (Vega)', renderS, undefined));
console.log(row('write index.html + CSV', writeS, undefined));
const total = loadS + enrichS + reportS + writeS;
console.log(row('whole report', total, undefined));
console.log('(worst-rated-movies includes the word-cloud layout, which pandas does not do; the other per-figure times include first-call JIT warm-up)');
console.log(`\nwhole report ${total.toFixed(1)} s: ${total < 60 ? 'within' : 'OVER'} the 60 s target; HTML ${(report.html.length / 1e6).toFixed(2)} MB`);
