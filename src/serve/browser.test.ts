/**
 * The web UI in real headless Chromium, offline (every request off localhost is aborted): a new user
 * onboards, rates and sees the recommendations change; an existing user's recommendations; a movie
 * page; the admin page. Screenshots go to a temp folder, or to docs/app/ with MAXELLA_UPDATE_DOCS=1
 * (how the committed ones were made). Runs on ML-100K when ../shared has it (real titles and
 * metadata), else on the synthetic test data.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadDataset } from '../data/source.ts';
import { sharedDataPath } from '../testing/shared-data.ts';
import { startApp, type RunningApp } from './app.ts';
import { quickArtifacts, tempDir, TEST_DATA, testDataset } from './testing/fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = process.env.MAXELLA_UPDATE_DOCS === '1'
  ? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'app')
  : mkdtempSync(join(tmpdir(), 'maxella-app-screenshots-'));
const HOSTILE_NAME = '<img src=x onerror="window.__xss=1">Ann';

let app: RunningApp;
let browser: Browser;
let page: Page;
let dir: string;
let artifacts: string;

const skip = existsSync(CHROMIUM) ? false : `needs Chromium at ${CHROMIUM} (Debian package chromium)`;

before(async () => {
  if (skip) return;
  const data = sharedDataPath('ml-100k') ? 'ml-100k' : TEST_DATA;
  dir = tempDir('browser');
  ({ artifacts } = await quickArtifacts(data === TEST_DATA ? await testDataset() : await loadDataset(data)));
  app = await startApp({ data, db: join(dir, 'app.db'), artifacts, port: 0, host: '127.0.0.1', adminToken: 'browser-admin', log: () => {} });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route('**/*', (route) => (new URL(route.request().url()).hostname === 'localhost' ? route.continue() : route.abort()));
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (process.env.MAXELLA_UPDATE_DOCS !== '1') rmSync(SCREENSHOTS, { recursive: true, force: true });
  if (artifacts) rmSync(artifacts, { recursive: true, force: true });
});

/** Opens `hash` and waits until the router has rendered it. */
async function open(hash: string): Promise<void> {
  await page.goto(`${app.url}/${hash}`);
  await page.waitForFunction((h) => document.getElementById('app')?.dataset.ready === h, hash);
}

const cardTitles = (selector: string): Promise<string[]> => page.locator(`${selector} .card h3`).allTextContents();

test('home: popular and top-rated lists, typo-tolerant search', { skip }, async () => {
  await open('#/');
  assert.ok((await cardTitles('#results')).length >= 12);
  await page.screenshot({ path: join(SCREENSHOTS, 'home.png') });
  const { titles, popularRows } = app.context.catalog;
  const title = titles[Array.from(popularRows).find((r) => titles[r].length >= 8)!];
  const typo = title.slice(0, 2) + title[3] + title[2] + title.slice(4);
  await page.fill('#search', typo);
  await page.waitForFunction(() => /found/.test(document.querySelector('#results h2')?.textContent ?? ''));
  assert.ok((await cardTitles('#results')).includes(title), `"${typo}" finds "${title}"`);
});

test('a new user onboards, rates, and the recommendations change', { skip }, async () => {
  await open('#/onboarding');
  await page.fill('#name', HOSTILE_NAME);
  await page.click('.chip[data-genre="Drama"]');
  await page.click('.chip[data-genre="Comedy"]');
  await page.waitForSelector('#onboarding-movies .card');
  const cards = page.locator('#onboarding-movies .card');
  for (const [i, stars] of [[0, 5], [1, 5], [2, 4], [3, 2]]) await cards.nth(i).locator(`.star[data-value="${stars}"]`).click();
  assert.equal(await page.textContent('.counter'), '4 rated');
  await page.screenshot({ path: join(SCREENSHOTS, 'onboarding.png') });
  await page.click('#finish');
  await page.waitForSelector('#recommendations .card');
  assert.match(await page.textContent('#rec-summary') ?? '', /folded in/);
  assert.equal(await page.textContent('h1'), `Recommended for ${HOSTILE_NAME}`, 'names are shown as text');
  assert.equal(await page.locator('h1 img').count(), 0, 'no markup from data reaches the page');
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  assert.ok(await page.locator('#recommendations .reasons li').count() > 0, 'recommendations come with reasons');
  await page.screenshot({ path: join(SCREENSHOTS, 'recommendations-new-user.png'), fullPage: false });

  const movieIds = () => page.locator('#recommendations .card').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.movieId));
  const before = await movieIds();
  await page.locator('#recommendations .card').first().locator('.star[data-value="1"]').click();
  await page.waitForFunction((first) => document.querySelector<HTMLElement>('#recommendations .card')?.dataset.movieId !== first, before[0]);
  const after = await movieIds();
  assert.ok(!after.includes(before[0]), 'the rated movie left the list');
  assert.notDeepEqual(after, before);
});

test('an existing user picked from the list gets recommendations with reasons', { skip }, async () => {
  await open('#/users');
  await page.locator('#movielens-users button.pick').first().click();
  await page.waitForSelector('#recommendations .card');
  assert.match(await page.textContent('#rec-summary') ?? '', /trained model/);
  assert.ok(await page.locator('#recommendations .reasons li').count() > 0);
  await page.screenshot({ path: join(SCREENSHOTS, 'recommendations-existing-user.png') });
});

test('a movie page: details, histogram, similar movies, placeholder poster offline', { skip }, async () => {
  const row = app.context.catalog.popularRows[0];
  await open(`#/movie/${app.context.catalog.movieId(row)}`);
  assert.equal(await page.textContent('h1'), app.context.catalog.titles[row]);
  assert.equal(await page.locator('.hist-row').count(), 5);
  assert.ok(await page.locator('.section .card').count() > 0, 'similar movies');
  await page.waitForSelector('.movie-poster .placeholder');
  await page.screenshot({ path: join(SCREENSHOTS, 'movie.png') });
});

test('the admin page shows the model and its metrics', { skip }, async () => {
  await open('#/admin');
  const info = await page.textContent('#model-info') ?? '';
  assert.match(info, /Recommended for you: nDCG@10/);
  assert.match(info, /Most-popular baseline: nDCG@10/);
  assert.match(info, /last served top 10/);
  await page.screenshot({ path: join(SCREENSHOTS, 'admin.png'), fullPage: true });
});
