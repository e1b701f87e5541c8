/**
 * Drives the browser demo in Chromium (playwright-core with the system's chromium): waits for the
 * engine, trains in the page, then loads the Node-side model, and returns what the page showed.
 * Used by the Chromium test and by `screenshot` below (which writes docs/browser-demo.png).
 *
 *   node --conditions=maxella-source --import tsx examples/browser/drive.ts [--data <ml-100k folder>]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

/** Where Debian's chromium package puts the browser (override with MAXELLA_CHROMIUM). */
export const CHROMIUM = process.env.MAXELLA_CHROMIUM ?? '/usr/bin/chromium';

/** True when a Chromium binary is there to drive. */
export const haveChromium = (): boolean => existsSync(CHROMIUM);

/** The page's `window.maxellaDemo` (see main.ts). */
export interface DemoState {
  backend: string;
  losses: number[];
  epochLosses: number[];
  recommendations: string[];
  source: string;
  evaluation: Record<string, number>;
  error: string;
}

/** What one drive saw: the state after training in the page, and after loading the Node model. */
export interface DemoRun {
  trained: DemoState;
  loaded: DemoState;
  consoleErrors: string[];
}

/** Opens `url`, trains for `epochs`, loads the artifact; `screenshot` saves the page after training. */
export async function driveDemo(url: string, options: { epochs?: number; user?: number; screenshot?: string; timeoutMs?: number } = {}): Promise<DemoRun> {
  const timeout = options.timeoutMs ?? 240_000;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(url);
    const state = (): Promise<DemoState> => page.evaluate(() => structuredClone((globalThis as unknown as { maxellaDemo: DemoState }).maxellaDemo));
    const failed = async (): Promise<string> => (await state()).error;
    await page.waitForFunction(() => (globalThis as unknown as { maxellaDemo?: DemoState }).maxellaDemo?.backend, null, { timeout: 60_000 });
    await page.fill('#epochs', String(options.epochs ?? 3));
    await page.fill('#user', String(options.user ?? 42));
    await page.click('#train');
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { maxellaDemo: DemoState }).maxellaDemo;
      return d.error || (d.source.startsWith('trained in this page') && d.recommendations.length > 0);
    }, null, { timeout });
    if (await failed()) throw new Error(`the demo failed while training: ${await failed()}`);
    const trained = await state();
    if (options.screenshot) await page.screenshot({ path: options.screenshot, fullPage: true });
    await page.click('#load');
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { maxellaDemo: DemoState }).maxellaDemo;
      return d.error || d.source.startsWith('trained in Node');
    }, null, { timeout: 60_000 });
    if (await failed()) throw new Error(`the demo failed loading the Node model: ${await failed()}`);
    return { trained, loaded: await state(), consoleErrors };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://127.0.0.1:8090/' }, screenshot: { type: 'string' }, epochs: { type: 'string', default: '3' } } });
  const run = await driveDemo(values.url!, { epochs: Number(values.epochs), screenshot: values.screenshot });
  console.log(JSON.stringify({ ...run, trained: { ...run.trained, losses: run.trained.losses.length } }, null, 1));
}
