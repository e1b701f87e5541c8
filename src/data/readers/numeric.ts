/**
 * A fast scanner for all-numeric delimited files (u.data, ratings.dat, ratings.csv, the u1-u5 folds):
 * numbers are parsed straight from the bytes, with no string per line or field, so a 25M-line file
 * streams at millions of rows per second.
 */
import { BadRows } from './bad-rows.ts';
import { DataError } from './data-error.ts';
import { latin1 } from './files.ts';
import { BlankLines, forEachLineBytes, type ProgressTracker } from './lines.ts';

/** The shape of a numeric file. */
export interface NumericFileSpec {
  /** '\t', ',' or '::'. */
  separator: string;
  /** Field names, for error messages; their count is the expected field count. */
  fields: readonly string[];
  /** A header line the file may (CSV) start with; it is skipped when present. */
  header?: string;
  /** Fields that may be written with a decimal point ("4.0"); the others must be plain integers. */
  decimal?: readonly string[];
}

/** More digits than a double holds exactly: such a field is not a MovieLens number. */
const MAX_DIGITS = 15;

const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const SPACE = 0x20;

/**
 * Parses the fields of one line into `out` (and whether each had a decimal point into `dots`); returns the
 * field count, or -(field index + 1) when a field is not a plain decimal number.
 */
function parseNumbers(buf: Uint8Array, start: number, end: number, sep: number, sepLength: number, out: Float64Array, dots: Uint8Array): number {
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
    if (digits === 0 || digits > MAX_DIGITS || (i < end && buf[i] !== sep)) return -(field + 1);
    if (field < out.length) {
      out[field] = (negative ? -value : value) / (scale || 1);
      dots[field] = scale > 0 ? 1 : 0;
    }
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
 * Blank lines at the end are skipped; a blank line mid-file, a wrong field count, a non-numeric field,
 * a decimal point in an integer field, and any DataError `onRecord` throws go to `bad` (default: thrown).
 */
export async function scanNumericFile(
  path: string,
  spec: NumericFileSpec,
  onRecord: (values: Float64Array, lineNumber: number) => void,
  progress?: ProgressTracker,
  bad: BadRows = new BadRows(),
): Promise<number> {
  const expected = spec.fields.length;
  const values = new Float64Array(expected);
  const dots = new Uint8Array(expected);
  const integer = spec.fields.map((f) => !(spec.decimal ?? []).includes(f));
  const sep = spec.separator.charCodeAt(0);
  const sepLength = spec.separator.length;
  const blanks = new BlankLines(path, bad);
  let records = 0;
  const lineText = (buf: Uint8Array, start: number, end: number): string => JSON.stringify(latin1(buf, start, Math.min(end, start + 120)));
  const parse = (buf: Uint8Array, start: number, end: number, line: number): void => {
    const n = parseNumbers(buf, start, end, sep, sepLength, values, dots);
    if (n !== expected) {
      if (n < 0) {
        const name = spec.fields[-n - 1] ?? `field ${-n}`;
        const reason = -n > expected ? `has more than ${expected} fields` : `${name} is not a number`;
        throw new DataError(path, line, `${reason}: ${lineText(buf, start, end)}`);
      }
      throw new DataError(path, line, `expected ${expected} fields (${spec.fields.join(spec.separator)}), found ${n}: ${lineText(buf, start, end)}`);
    }
    for (let f = 0; f < expected; f++) {
      if (dots[f] && integer[f]) throw new DataError(path, line, `${spec.fields[f]} is written with a decimal point, expected a plain integer: ${lineText(buf, start, end)}`);
    }
    onRecord(values, line);
    records++;
  };
  await forEachLineBytes(
    path,
    (buf, start, end, line) => {
      if (end === start) return blanks.blank(line);
      if (line === 1 && spec.header !== undefined) {
        const text = latin1(buf, start, end).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trim();
        if (text === spec.header) return;
      }
      if (bad.policy === 'fail') {
        blanks.data();
        parse(buf, start, end, line);
      } else {
        bad.guard(() => {
          blanks.data();
          parse(buf, start, end, line);
        });
      }
    },
    progress,
  );
  return records;
}
