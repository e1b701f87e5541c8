/**
 * Builds the EDA report of a dataset: computes every figure, renders its charts to SVG, and writes
 * `index.html` (self-contained) plus `csv/<table>.csv`, reporting progress and time per figure.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MovieLensDataset } from '../data/schema.ts';
import { renderSvg } from './charts.ts';
import { toCsv } from './csv.ts';
import { figureContext, type FigureDefinition, type NamedTable } from './figure.ts';
import { FIGURES } from './figures.ts';
import { reportHtml, type RenderedFigure } from './html.ts';

/** Time spent on one figure. */
export interface FigureTiming {
  id: string;
  computeMs: number;
  renderMs: number;
}

/** Options of `buildReport`. */
export interface ReportOptions {
  /** Called with one line per finished figure. */
  onProgress?: (line: string) => void;
  /** Figures to include (default: all of `FIGURES`). */
  figures?: readonly FigureDefinition[];
  /** A line about the data source (e.g. which enrichment file was joined). */
  sourceNote?: string;
}

/** A built report, ready to write. */
export interface EdaReport {
  html: string;
  figures: RenderedFigure[];
  tables: NamedTable[];
  timings: FigureTiming[];
}

/** Computes and renders every figure of `ds`. */
export async function buildReport(ds: MovieLensDataset, opts: ReportOptions = {}): Promise<EdaReport> {
  const definitions = opts.figures ?? FIGURES;
  const ctx = figureContext(ds);
  const figures: RenderedFigure[] = [];
  const timings: FigureTiming[] = [];
  for (const [n, definition] of definitions.entries()) {
    const t0 = performance.now();
    const built = await definition.build(ctx);
    const t1 = performance.now();
    const figure: RenderedFigure = typeof built === 'string' ? { definition, missing: built, svgs: [] } : { definition, content: built, svgs: [] };
    for (const chart of figure.content?.charts ?? []) figure.svgs.push(await renderSvg(chart));
    const t2 = performance.now();
    figures.push(figure);
    timings.push({ id: definition.id, computeMs: t1 - t0, renderMs: t2 - t1 });
    const status = figure.missing ? 'skipped: no data' : `${figure.svgs.length} chart(s), compute ${(t1 - t0).toFixed(0)} ms, render ${(t2 - t1).toFixed(0)} ms`;
    opts.onProgress?.(`[${String(n + 1).padStart(2)}/${definitions.length}] ${definition.section.padEnd(7)} ${definition.id.padEnd(34)} ${status}`);
  }
  const meta = `${ds.name}: ${ds.ratings.length.toLocaleString('en-US')} ratings, ${ds.users.length.toLocaleString('en-US')} users, ${ds.movies.length.toLocaleString('en-US')} movies.` +
    (opts.sourceNote ? ` ${opts.sourceNote}` : '') + ' Questions and figure numbers follow the MAXELLA report, section 5.';
  const html = reportHtml(`Maxella exploratory data analysis: ${ds.name}`, meta, figures);
  return { html, figures, tables: figures.flatMap((f) => f.content?.tables ?? []), timings };
}

/** Where `writeReport` put the files. */
export interface WrittenReport {
  index: string;
  csvDir: string;
  csvFiles: string[];
}

/** Writes `index.html` and `csv/*.csv` under `outDir`. */
export async function writeReport(report: EdaReport, outDir: string): Promise<WrittenReport> {
  const dir = resolve(outDir);
  const csvDir = join(dir, 'csv');
  await mkdir(csvDir, { recursive: true });
  const index = join(dir, 'index.html');
  await writeFile(index, report.html);
  const csvFiles: string[] = [];
  for (const table of report.tables) {
    const file = join(csvDir, `${table.name}.csv`);
    await writeFile(file, toCsv(table.rows));
    csvFiles.push(file);
  }
  return { index, csvDir, csvFiles };
}
