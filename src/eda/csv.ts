/** Figure data tables as CSV (RFC 4180 quoting; columns = the union of the rows' keys). */
import type { Row } from './charts.ts';

/** One CSV field: NaN/undefined → empty, quoted when it holds a comma, quote or line break. */
function field(value: unknown): string {
  if (value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The column names of `rows`, in first-seen order. */
export function columnsOf(rows: readonly Row[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

/** `rows` as CSV text with a header line. */
export function toCsv(rows: readonly Row[]): string {
  const columns = columnsOf(rows);
  const lines = [columns.map(field).join(',')];
  for (const row of rows) lines.push(columns.map((c) => field((row as Record<string, unknown>)[c])).join(','));
  return `${lines.join('\n')}\n`;
}
