/**
 * The report page: one self-contained HTML file (inline CSS and SVG, no scripts, no web fonts, no
 * network), a section per seed question with its charts, note, table and CSV links.
 */
import type { Row } from './charts.ts';
import { columnsOf } from './csv.ts';
import type { FigureContent, FigureDefinition } from './figure.ts';

/** A computed and rendered figure. */
export interface RenderedFigure {
  definition: FigureDefinition;
  /** Present when the dataset could answer the question. */
  content?: FigureContent;
  /** Why the figure is missing. */
  missing?: string;
  svgs: string[];
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; margin: 0; color: #222; background: #fafafa; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
header h1 { margin-bottom: 4px; }
.meta { color: #555; margin-top: 0; }
nav ol { columns: 2; font-size: 14px; }
section.figure { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: 16px 20px; margin: 20px 0; }
section.figure h2 { font-size: 18px; margin: 0 0 8px; }
.section-number { color: #4c78a8; margin-right: 6px; }
figure.chart { margin: 12px 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
.note { margin: 6px 0; }
.note::first-letter { text-transform: uppercase; }
.missing { color: #8a4b00; background: #fff6e5; border-left: 4px solid #e0a030; padding: 8px 12px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
th, td { border: 1px solid #ddd; padding: 3px 8px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f0f3f7; }
.csv { font-size: 13px; color: #555; }
`;

/** A data table as HTML (numbers right-aligned). */
function htmlTable(caption: string, rows: readonly Row[]): string {
  const columns = columnsOf(rows);
  const cell = (v: unknown) => (typeof v === 'number' ? `<td class="num">${v.toLocaleString('en-US', { maximumFractionDigits: 3 })}</td>` : `<td>${escapeHtml(String(v ?? ''))}</td>`);
  const body = rows.map((r) => `<tr>${columns.map((c) => cell((r as Record<string, unknown>)[c])).join('')}</tr>`).join('\n');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** One figure's section. */
function figureSection(f: RenderedFigure): string {
  const { id, section, question } = f.definition;
  const parts = [`<h2><span class="section-number">${escapeHtml(section)}</span>${escapeHtml(question)}</h2>`];
  if (f.missing) parts.push(`<p class="missing">${escapeHtml(f.missing)}</p>`);
  const c = f.content;
  if (c) {
    if (c.note) parts.push(`<p class="note">${escapeHtml(c.note)}</p>`);
    for (const svg of f.svgs) parts.push(`<figure class="chart">${svg}</figure>`);
    if (c.shown) parts.push(htmlTable(c.shown.caption, c.shown.rows));
    const links = c.tables.map((t) => `<a href="csv/${t.name}.csv">csv/${t.name}.csv</a>`).join(', ');
    parts.push(`<p class="csv">Data: ${links}</p>`);
  }
  return `<section class="figure" id="${id}">\n${parts.join('\n')}\n</section>`;
}

/** The whole page. */
export function reportHtml(title: string, meta: string, figures: readonly RenderedFigure[]): string {
  const toc = figures.map((f) => `<li><a href="#${f.definition.id}">${escapeHtml(`${f.definition.section} ${f.definition.question}`)}</a></li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(title)}</h1><p class="meta">${escapeHtml(meta)}</p></header>
<nav><ol>
${toc}
</ol></nav>
${figures.map(figureSection).join('\n')}
</main>
</body>
</html>
`;
}
