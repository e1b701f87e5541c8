/**
 * The EDA report end to end: built for real ML-100K (joined with movies_extrainfos.dat when present),
 * written with a CSV per table, self-contained, and opened in real headless Chromium, which must draw
 * every chart without console errors or requests; a full-page screenshot is saved in a temp folder.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, before } from 'node:test';
import { enrichDataset, readExtraInfos } from '../data/enrich.ts';
import { readMovieLens } from '../data/readers/index.ts';
import type { MovieLensDataset } from '../data/schema.ts';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import { checkReportInBrowser, chromiumPath } from './browser.ts';
import { FIGURES } from './figures.ts';
import { buildReport, writeReport, type EdaReport, type WrittenReport } from './report.ts';
import { ratingsByWeekday } from './stats.ts';

const skip = skipWithoutSharedData('ml-100k');

describe('EDA report of ML-100K', { skip }, () => {
  let ds: MovieLensDataset;
  let report: EdaReport;
  let written: WrittenReport;
  const progress: string[] = [];
  const out = mkdtempSync(join(tmpdir(), 'maxella-eda-'));

  before(async () => {
    ds = await readMovieLens(sharedDataPath('ml-100k')!);
    const extra = sharedDataPath('ml-1m/movies_extrainfos.dat');
    if (extra) enrichDataset(ds, await readExtraInfos(extra));
    report = await buildReport(ds, { onProgress: (l) => progress.push(l) });
    written = await writeReport(report, out);
  });

  it('draws every figure (enrichment figures when the file is present) and reports progress per figure', () => {
    assert.equal(report.figures.length, FIGURES.length);
    assert.equal(progress.length, FIGURES.length);
    const missing = report.figures.filter((f) => f.missing).map((f) => f.definition.id);
    const enrichmentIds = ['busiest-directors', 'busiest-actors', 'largest-cast-movies', 'largest-crew-movies'];
    assert.deepEqual(missing, ds.enrichment ? [] : enrichmentIds);
    for (const f of report.figures) assert.equal(f.svgs.length, f.content?.charts.length ?? 0, f.definition.id);
    assert.ok(report.figures.find((f) => f.definition.id === 'worst-rated-movies')!.svgs.length === 2, 'word cloud and bar chart');
  });

  it('writes a CSV per table whose numbers are the statistics', () => {
    for (const t of report.tables) assert.ok(existsSync(join(written.csvDir, `${t.name}.csv`)), t.name);
    const lines = readFileSync(join(written.csvDir, 'ratings-by-weekday.csv'), 'utf8').trim().split('\n');
    assert.equal(lines[0], 'period,ratings');
    assert.deepEqual(lines.slice(1), ratingsByWeekday(ds.ratings).map((p) => `${p.period},${p.ratings}`));
    assert.match(readFileSync(join(written.csvDir, 'most-rated-movies.csv'), 'utf8'), /All users,1,Star Wars \(1977\),583,/);
  });

  it('is one self-contained page: no scripts, stylesheets, fonts or images to fetch, unique SVG ids', () => {
    const html = readFileSync(written.index, 'utf8');
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|@font-face|url\(\s*['"]?https?:/i);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, 'duplicate element ids');
    for (const f of FIGURES) assert.ok(html.includes(`id="${f.id}"`), f.id);
  });

  it('renders every chart in headless Chromium without errors or requests', { skip: chromiumPath() ? false : 'Chromium not installed (apt-get install chromium, or set MAXELLA_CHROMIUM)' }, async () => {
    const screenshot = join(out, 'report.png');
    const check = await checkReportInBrowser(written.index, { fullPageScreenshot: screenshot });
    const charts = report.figures.reduce((n, f) => n + f.svgs.length, 0);
    assert.equal(check.sections, FIGURES.length);
    assert.equal(check.charts, charts);
    assert.equal(check.visibleSvgs, charts);
    assert.deepEqual(check.consoleErrors, []);
    assert.deepEqual(check.failedRequests, []);
    assert.deepEqual(check.externalRequests, []);
    assert.ok(statSync(screenshot).size > 50_000, 'screenshot saved');
    console.log(`# report screenshot: ${screenshot}`);
  });
});

describe('EDA report of a dataset without demographics or enrichment', () => {
  it('says which figures the data cannot answer instead of failing', async () => {
    const ds: MovieLensDataset = {
      name: 'bare',
      ratings: { length: 2, user: Int32Array.from([0, 0]), movie: Int32Array.from([0, 1]), rating: Float32Array.from([4, 2]), timestamp: Float64Array.from([0, 1e5]) },
      users: { length: 1, id: Int32Array.from([1]) },
      movies: { length: 2, id: Int32Array.from([1, 2]), title: ['A (1990)', 'B (2001)'], genres: Uint32Array.from([1, 2]) },
    };
    const report = await buildReport(ds, { figures: FIGURES.filter((f) => ['ratings-by-gender', 'busiest-directors', 'mean-rating-by-zip-code', 'ratings-by-weekday'].includes(f.id)) });
    const missing = Object.fromEntries(report.figures.map((f) => [f.definition.id, f.missing ?? '']));
    assert.match(missing['ratings-by-gender'], /bare has no gender column/);
    assert.match(missing['busiest-directors'], /without enrichment data/);
    assert.match(missing['mean-rating-by-zip-code'], /no zip code/);
    assert.equal(missing['ratings-by-weekday'], '');
    assert.match(report.html, /without enrichment data/);
  });
});
