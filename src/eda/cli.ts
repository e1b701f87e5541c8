/** The `maxella eda` command: writes the exploratory data analysis report of a dataset. */
import type { Command } from 'commander';

/** Options of `maxella eda`. */
export interface EdaCommandOptions {
  dataset: string;
  out: string;
  /** A movies_extrainfos.dat path, or false (`--no-enrich`). */
  enrich?: string | false;
  /** Also save a PNG per figure under <out>/screenshots (needs Chromium). */
  screenshots?: boolean;
}

/** Loads the dataset, builds and writes the report; returns the index.html path. */
export async function runEda(o: EdaCommandOptions, log: (line: string) => void = (l) => console.error(l)): Promise<string> {
  const { loadEdaDataset } = await import('./load.ts');
  const { buildReport, writeReport } = await import('./report.ts');
  log(`eda: loading ${o.dataset} ...`);
  const { ds, enrichmentNote } = await loadEdaDataset(o.dataset, o.enrich);
  log(`eda: ${ds.ratings.length.toLocaleString('en-US')} ratings. ${enrichmentNote}`);
  const started = performance.now();
  const report = await buildReport(ds, { onProgress: log, sourceNote: enrichmentNote });
  const written = await writeReport(report, o.out);
  log(`eda: ${report.figures.length} figures in ${((performance.now() - started) / 1000).toFixed(1)} s; ${written.csvFiles.length} CSV tables in ${written.csvDir}`);
  if (o.screenshots) {
    const { join } = await import('node:path');
    const { checkReportInBrowser } = await import('./browser.ts');
    const check = await checkReportInBrowser(written.index, { sectionScreenshotDir: join(o.out, 'screenshots') });
    log(`eda: ${check.screenshots.length} screenshots in ${join(o.out, 'screenshots')} (${check.visibleSvgs} charts drawn, ${check.consoleErrors.length} console errors)`);
  }
  return written.index;
}

/** Adds `maxella eda` to `program`. */
export function registerEdaCommands(program: Command): void {
  program
    .command('eda')
    .description('write the exploratory data analysis report (self-contained HTML with charts, plus a CSV per figure)')
    .option('--dataset <spec>', 'ml-100k | ml-1m | ml-latest-small | synthetic[:format[:ratings]] | a folder | a .zip', 'ml-100k')
    .option('--out <dir>', 'output folder', 'out/eda')
    .option('--enrich <file>', 'movies_extrainfos.dat to join for directors and cast (default: found beside the data or in ml-1m)')
    .option('--no-enrich', 'do not join enrichment data')
    .option('--screenshots', 'also save a PNG of every figure under <out>/screenshots (needs Chromium)')
    .addHelpText('after', '\nExamples:\n  maxella eda --dataset ml-100k --out out/eda\n  maxella eda --dataset ./ml-1m --out out/eda-1m --screenshots')
    .action(async (options: { dataset: string; out: string; enrich?: string | boolean; screenshots?: boolean }) => {
      const enrich = options.enrich === false ? false : typeof options.enrich === 'string' ? options.enrich : undefined;
      const index = await runEda({ dataset: options.dataset, out: options.out, enrich, screenshots: options.screenshots });
      console.log(`Report written to ${index}`);
    });
}
