/**
 * A fast scanner for all-numeric delimited files (u.data, ratings.dat, ratings.csv, the u1-u5 folds):
 * numbers are parsed straight from the bytes, with no string per line or field, so a 25M-line file
 * streams at millions of rows per second.
 */
import { DataError } from './data-error.ts';
import { forEachLineBytes, type ProgressTracker } from './lines.ts';

/** The shape of a numeric file. */
export interface NumericFileSpec {
  /** '\t', ',' or '::'. */
  separator: string;
  /** Field names, for error messages; their count is the expected field count. */
  fields: readonly string[];
  /** A header line the file may (CSV) start with; it is skipped when present. */
  header?: string;
}

const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const SPACE = 0x20;

/**
 * Parses the fields of one line into `out`; returns the field count, or -(field index + 1) when a field is
 * not a plain decimal number.
 */
function parseNumbers(buf: Buffer, start: number, end: number, sep: number, sepLength: number, out: Float64Array): number {
  let field = 0;
  let i = start;
  while (i <= end) {
    let value = 0;
    let negative = false;
    let digits = 0;
    let scale = 0;
    if (i < end && buf[i] === MINUS) {
      negative = true;
      i++;
    }
    while (i < end) {
      const c = buf[i];
      if (c >= ZERO && c <= NINE) {
        value = value * 10 + (c - ZERO);
        digits++;
        if (scale > 0) scale *= 10;
      } else if (c === DOT && scale === 0) {
        scale = 1;
      } else break;
      i++;
    }
    while (i < end && buf[i] === SPACE) i++;
    if (digits === 0 || (i < end && buf[i] !== sep)) return -(field + 1);
    if (field < out.length) out[field] = (negative ? -value : value) / (scale || 1);
    field++;
    if (i === end) break;
    if (sepLength === 2) {
      if (buf[i + 1] !== sep) return -(field + 1);
      i++;
    }
    i++;
    if (i === end) return -(field + 1); // a trailing separator: an empty last field
  }
  return field;
}

/**
 * Calls `onRecord(values, lineNumber)` for each line of `path`. `values` is reused between calls.
 * Blank lines are skipped; a wrong field count or a non-numeric field throws a DataError.
 */
export async function scanNumericFile(
  path: string,
  spec: NumericFileSpec,
  onRecord: (values: Float64Array, lineNumber: number) => void,
  progress?: ProgressTracker,
): Promise<number> {
  const expected = spec.fields.length;
  const values = new Float64Array(expected);
  const sep = spec.separator.charCodeAt(0);
  const sepLength = spec.separator.length;
  let records = 0;
  await forEachLineBytes(
    path,
    (buf, start, end, line) => {
      if (end === start) return;
      if (line === 1 && spec.header !== undefined) {
        const text = buf.toString('latin1', start, end).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trim();
        if (text === spec.header) return;
      }
      const n = parseNumbers(buf, start, end, sep, sepLength, values);
      if (n !== expected) {
        const text = JSON.stringify(buf.toString('latin1', start, Math.min(end, start + 120)));
        if (n < 0) {
          const name = spec.fields[-n - 1] ?? `field ${-n}`;
          const reason = -n > expected ? `has more than ${expected} fields` : `${name} is not a number`;
          throw new DataError(path, line, `${reason}: ${text}`);
        }
        throw new DataError(path, line, `expected ${expected} fields (${spec.fields.join(spec.separator)}), found ${n}: ${text}`);
      }
      records++;
      onRecord(values, line);
    },
    progress,
  );
  return records;
}
