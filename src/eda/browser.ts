/**
 * Opens a written report in headless Chromium (Debian's /usr/bin/chromium through playwright-core, a
 * dev dependency): counts the rendered charts, collects console errors and failed requests, and saves
 * screenshots. Used by the report test and by `maxella eda --screenshots`.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where Chromium is looked for: `$MAXELLA_CHROMIUM`, then Debian's package. */
export function chromiumPath(): string | undefined {
  return [process.env.MAXELLA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => Boolean(p && existsSync(p)));
}

/** Flags for a quiet, offline headless Chromium. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What the browser saw. */
export interface BrowserCheck {
  /** Figure sections in the page, charts (figure.chart elements) and SVGs drawn with a non-zero size. */
  sections: number;
  charts: number;
  visibleSvgs: number;
  consoleErrors: string[];
  failedRequests: string[];
  /** Requests to anything but the report file itself. */
  externalRequests: string[];
  screenshots: string[];
}

/** Options of `checkReportInBrowser`. */
export interface BrowserCheckOptions {
  /** Save `report.png` (the whole page) here. */
  fullPageScreenshot?: string;
  /** Save one `<figure id>.png` per figure section here. */
  sectionScreenshotDir?: string;
}

/** Loads `indexHtml` in headless Chromium and reports what rendered. Throws when Chromium is missing. */
export async function checkReportInBrowser(indexHtml: string, opts: BrowserCheckOptions = {}): Promise<BrowserCheck> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found (install Debian\'s chromium package or set MAXELLA_CHROMIUM)');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const url = pathToFileURL(indexHtml).href;
    const check: BrowserCheck = { sections: 0, charts: 0, visibleSvgs: 0, consoleErrors: [], failedRequests: [], externalRequests: [], screenshots: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') check.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => check.consoleErrors.push(e.message));
    page.on('requestfailed', (r) => check.failedRequests.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
    page.on('request', (r) => {
      if (r.url() !== url) check.externalRequests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    check.sections = await page.locator('section.figure').count();
    check.charts = await page.locator('figure.chart').count();
    check.visibleSvgs = await page.evaluate(() =>
      Array.from(document.querySelectorAll('figure.chart > svg')).filter((s) => s.getBoundingClientRect().width > 0 && s.getBoundingClientRect().height > 0).length,
    );
    if (opts.fullPageScreenshot) {
      await page.screenshot({ path: opts.fullPageScreenshot, fullPage: true });
      check.screenshots.push(opts.fullPageScreenshot);
    }
    if (opts.sectionScreenshotDir) {
      await mkdir(opts.sectionScreenshotDir, { recursive: true });
      for (const section of await page.locator('section.figure').all()) {
        const path = join(opts.sectionScreenshotDir, `${await section.getAttribute('id')}.png`);
        await section.screenshot({ path });
        check.screenshots.push(path);
      }
    }
    return check;
  } finally {
    await browser.close();
  }
}
