/**
 * Renders experiment results as report.md and a self-contained report.html (inline SVG charts,
 * inline CSS, no scripts or network), from one table layout so both say the same thing.
 */
import { renderSvg } from './charts.ts';
import { compareWithSeeds, tally, type Comparison } from './comparison.ts';
import { citationText } from './seed-numbers.ts';
import { formatStat } from './stats.ts';
import type { ExperimentResult, ResultTable } from './types.ts';

/** What the report says about how it was made. */
export interface ReportHeader {
  command: string;
  dataset: string;
  ratings: number;
  enrichment: string;
  mode: string;
  runs: number;
  backend: string;
  jobs: number;
  /** 1-minute load averages at the start and the end (other processes share the CPU). */
  load: [number, number];
  startedAt: string;
  seconds: number;
  cpus: string;
}

/** A table as header cells and body rows of text. */
function tableGrid(table: ResultTable): { header: string[]; rows: string[][] } {
  const hasSeed = (key: string) => table.rows.some((r) => r.seed?.[key] !== undefined);
  const hasRef = (key: string) => table.rows.some((r) => r.reference?.[key] !== undefined);
  const header = ['Model', 'Settings'];
  for (const m of table.metrics) {
    if (hasSeed(m.key)) header.push(`${m.label} (seed)`);
    if (hasRef(m.key)) header.push(`${m.label} (ref.)`);
    header.push(`${m.label} (Maxella)`);
  }
  const rows = table.rows.map((row) => {
    const cells = [row.label, row.settings];
    for (const m of table.metrics) {
      const digits = m.digits ?? 4;
      const seed = row.seed?.[m.key];
      const ref = row.reference?.[m.key];
      if (hasSeed(m.key)) cells.push(seed ? `${seed.value.toFixed(digits)}${seed.std !== undefined ? ` ± ${seed.std.toFixed(digits)}` : ''}` : '—');
      if (hasRef(m.key)) cells.push(ref !== undefined ? ref.toFixed(3) : '—');
      cells.push(formatStat(row.maxella[m.key], digits));
    }
    return cells;
  });
  return { header, rows };
}

function sourceLines(table: ResultTable): string[] {
  const lines: string[] = [];
  lines.push(table.citation ? `Seed column: ${citationText(table.citation)}.` : 'No seed reports these numbers.');
  if (table.referenceNote) lines.push(`Reference column: ${table.referenceNote}.`);
  return lines;
}

function headerLines(h: ReportHeader): string[] {
  return [
    `Command: \`${h.command}\``,
    `Dataset: ${h.dataset}, ${h.ratings.toLocaleString('en-US')} ratings · mode: ${h.mode} · runs per setting: ${h.runs} · backend: ${h.backend}`,
    `Enrichment (director / star / release date): ${h.enrichment}.`,
    `Started ${h.startedAt}, took ${(h.seconds / 60).toFixed(1)} min (wall) on ${h.cpus}, ${h.jobs} experiment(s) at a time; load average ${h.load[0].toFixed(1)} at the start, ${h.load[1].toFixed(1)} at the end.`,
  ];
}

function comparisonLines(comparisons: readonly Comparison[]): string[] {
  return comparisons.map((c) => `${c.verdict === 'beats' ? 'beats' : c.verdict === 'trails' ? 'trails' : 'ties'} — ${c.table} · ${c.row} · ${c.metric}: Maxella ${c.maxella.toFixed(4)} vs seed ${c.seed.toFixed(4)}`);
}

const escapeMd = (s: string) => s.replace(/\|/g, '\\|');

/** report.md. */
export function renderMarkdown(header: ReportHeader, results: readonly ExperimentResult[]): string {
  const out: string[] = ['# Maxella experiments: the seeds\' tables, reproduced', ''];
  for (const line of headerLines(header)) out.push(line, '');
  const comparisons = compareWithSeeds(results);
  out.push('## Summary', '', `Against the seeds' numbers Maxella ${tally(comparisons)}.`, '');
  for (const line of comparisonLines(comparisons)) out.push(`- ${line}`);
  out.push('', 'Charts (training curves, metric bars with ± std error bars, the DCN feature-importance heatmap) are in report.html.', '');
  for (const result of results) {
    out.push(`## ${result.title} (\`--only ${result.name}\`)`, '', `Took ${result.seconds.toFixed(0)} s.`, '');
    for (const table of result.tables) {
      const { header: cols, rows } = tableGrid(table);
      out.push(`### ${table.title}`, '', ...sourceLines(table).flatMap((l) => [l, '']));
      out.push(`| ${cols.map(escapeMd).join(' | ')} |`, `| ${cols.map(() => '---').join(' | ')} |`);
      for (const r of rows) out.push(`| ${r.map(escapeMd).join(' | ')} |`);
      out.push('');
    }
    for (const note of result.notes) out.push(`- ${note}`);
    if (result.notes.length) out.push('');
  }
  return out.join('\n');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.85em}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:right}
th:nth-child(-n+2),td:nth-child(-n+2){text-align:left}th{background:#f3f3f3}code{background:#f3f3f3;padding:0 .2em}
.charts{display:flex;flex-wrap:wrap;gap:1em}.beats{color:#176f2c}.trails{color:#a52a2a}`;

/** report.html: tables, notes and charts rendered to inline SVG. */
export async function renderHtml(header: ReportHeader, results: readonly ExperimentResult[]): Promise<string> {
  const out: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Maxella experiments</title>',
    `<style>${CSS}</style></head><body><h1>Maxella experiments: the seeds' tables, reproduced</h1>`,
  ];
  for (const line of headerLines(header)) out.push(`<p>${escapeHtml(line).replace(/`([^`]*)`/g, '<code>$1</code>')}</p>`);
  const comparisons = compareWithSeeds(results);
  out.push('<h2>Summary</h2>', `<p>Against the seeds' numbers Maxella ${escapeHtml(tally(comparisons))}.</p><ul>`);
  comparisonLines(comparisons).forEach((line, i) => out.push(`<li class="${comparisons[i].verdict}">${escapeHtml(line)}</li>`));
  out.push('</ul>');
  for (const result of results) {
    out.push(`<h2>${escapeHtml(result.title)} (<code>--only ${escapeHtml(result.name)}</code>)</h2>`, `<p>Took ${result.seconds.toFixed(0)} s.</p>`);
    for (const table of result.tables) {
      const { header: cols, rows } = tableGrid(table);
      out.push(`<h3>${escapeHtml(table.title)}</h3>`, ...sourceLines(table).map((l) => `<p>${escapeHtml(l)}</p>`));
      out.push('<table><thead><tr>', ...cols.map((c) => `<th>${escapeHtml(c)}</th>`), '</tr></thead><tbody>');
      for (const r of rows) out.push('<tr>', ...r.map((c) => `<td>${escapeHtml(c)}</td>`), '</tr>');
      out.push('</tbody></table>');
    }
    if (result.notes.length) out.push('<ul>', ...result.notes.map((n) => `<li>${escapeHtml(n)}</li>`), '</ul>');
    if (result.charts.length) {
      out.push('<div class="charts">');
      for (const chart of result.charts) out.push(`<figure>${await renderSvg(chart.spec)}<figcaption>${escapeHtml(chart.title)}</figcaption></figure>`);
      out.push('</div>');
    }
  }
  out.push('</body></html>');
  return out.join('\n');
}
