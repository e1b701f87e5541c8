/**
 * Streaming line readers shared by every MovieLens reader: files are read in chunks, never whole,
 * split on '\n' (a trailing '\r' is dropped) and handed over with their 1-based line number.
 */
import { BadRows } from './bad-rows.ts';
import { DataError } from './data-error.ts';
import { latin1, pathInfo, readChunks } from './files.ts';

/** Reports bytes read so far out of the total bytes of every file a reader will read. */
export type ProgressCallback = (bytes: number, total: number) => void;

/** Accumulates progress over several files so that a reader reports one running total. */
export class ProgressTracker {
  private done = 0;

  constructor(private readonly total: number, private readonly callback?: ProgressCallback) {}

  /** A tracker for reading `paths` (missing paths count 0 bytes). */
  static forFiles(paths: string[], callback?: ProgressCallback): ProgressTracker {
    let total = 0;
    for (const p of paths) total += pathInfo(p)?.size ?? 0; // an absent optional file adds nothing
    return new ProgressTracker(total, callback);
  }

  /** Adds `bytes` read and reports. */
  advance(bytes: number): void {
    this.done += bytes;
    this.callback?.(this.done, this.total);
  }
}

/** The text encodings of MovieLens files. */
export type TextEncoding = 'utf-8' | 'latin1';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** The longest line a reader accepts (the longest in any MovieLens file is a few KiB). */
export const MAX_LINE_BYTES = 1 << 20;

/**
 * The size of `path`, which must be a regular file: a device (/dev/zero), FIFO or folder would never end
 * or is not data, so it is a DataError.
 */
export function regularFileSize(path: string): number {
  const info = pathInfo(path);
  if (!info) throw new DataError(path, 0, 'does not exist');
  if (info.kind !== 'file') {
    const kind = { folder: 'a folder', device: 'a device', pipe: 'a pipe', other: 'not a plain file' }[info.kind];
    throw new DataError(path, 0, `is ${kind}, not a regular file: refusing to read it as data`);
  }
  return info.size;
}

/** `a` followed by `b`, in a new array. */
function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/**
 * Calls `onLine(bytes, start, end, lineNumber)` for every line of `path`, without copying: `end` excludes
 * the newline and a trailing '\r'. Lines that straddle two chunks are joined into one small buffer.
 * `path` must be a regular file that does not grow while read, and no line may exceed `maxLineBytes`
 * (so an endless or binary file stops with a DataError instead of filling memory).
 */
export async function forEachLineBytes(
  path: string,
  onLine: (buf: Uint8Array, start: number, end: number, lineNumber: number) => void,
  progress?: ProgressTracker,
  maxLineBytes = MAX_LINE_BYTES,
): Promise<number> {
  const size = regularFileSize(path);
  let lineNumber = 0;
  let carry: Uint8Array | null = null;
  let bytesRead = 0;
  const tooLong = (): DataError =>
    new DataError(path, lineNumber + 1, `is longer than ${maxLineBytes} bytes (the line cap): not a MovieLens line; is this the right file?`);
  const emit = (buf: Uint8Array, start: number, end: number): void => {
    if (end - start > maxLineBytes) throw tooLong();
    lineNumber++;
    if (end > start && buf[end - 1] === CARRIAGE_RETURN) end--;
    onLine(buf, start, end, lineNumber);
  };
  for await (const chunk of readChunks(path)) {
    bytesRead += chunk.length;
    if (bytesRead > size) throw new DataError(path, 0, `grew while being read (more than its ${size} bytes): not a finished data file`);
    progress?.advance(chunk.length);
    let start = 0;
    let nl = chunk.indexOf(NEWLINE);
    if (carry !== null) {
      if (nl < 0) {
        if (carry.length + chunk.length > maxLineBytes) throw tooLong();
        carry = concatBytes(carry, chunk);
        continue;
      }
      const joined = concatBytes(carry, chunk.subarray(0, nl));
      carry = null;
      emit(joined, 0, joined.length);
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    while (nl >= 0) {
      emit(chunk, start, nl);
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      if (chunk.length - start > maxLineBytes) throw tooLong();
      carry = new Uint8Array(chunk.subarray(start)); // a copy: the chunk is not ours to keep
    }
  }
  if (carry !== null && carry.length > 0) emit(carry, 0, carry.length);
  return lineNumber;
}

/**
 * Tracks blank lines: one followed by more data is a bad row (a file cut and pasted together, or a
 * hand edit); blank lines at the end of a file are fine.
 */
export class BlankLines {
  private pending = 0;

  constructor(private readonly path: string, private readonly bad: BadRows) {}

  /** Notes a blank line. */
  blank(line: number): void {
    if (this.pending === 0) this.pending = line;
  }

  /** Notes a line with data; rejects an earlier blank line. */
  data(): void {
    if (this.pending === 0) return;
    const line = this.pending;
    this.pending = 0;
    this.bad.reject(new DataError(this.path, line, 'is blank in the middle of the file (a cut or concatenated file?)'));
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes one line. Latin-1 files that are in fact valid UTF-8 (a re-saved copy) decode as UTF-8;
 * invalid UTF-8 in a UTF-8 file and NUL bytes (UTF-16 or binary data) are errors.
 */
export function decodeLine(buf: Uint8Array, start: number, end: number, encoding: TextEncoding, file: string, line: number): string {
  let highBytes = false;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b === 0) throw new DataError(file, line, 'contains a NUL byte: the file looks like UTF-16 or binary data, expected text');
    if (b >= 0x80) highBytes = true;
  }
  if (!highBytes) return latin1(buf, start, end);
  try {
    return utf8.decode(buf.subarray(start, end));
  } catch {
    if (encoding === 'latin1') return latin1(buf, start, end);
    throw new DataError(file, line, 'is not valid UTF-8 (wrong encoding?)');
  }
}

/**
 * Calls `onLine(text, lineNumber)` for every non-blank line of a text file (a UTF-8 byte-order mark is
 * dropped). A blank line followed by more lines, and any DataError `onLine` throws, go to `bad`.
 */
export async function forEachTextLine(
  path: string,
  encoding: TextEncoding,
  onLine: (text: string, lineNumber: number) => void,
  progress?: ProgressTracker,
  bad: BadRows = new BadRows(),
): Promise<number> {
  const blanks = new BlankLines(path, bad);
  return forEachLineBytes(
    path,
    (buf, start, end, line) => {
      if (end === start) return blanks.blank(line);
      bad.guard(() => {
        let text = decodeLine(buf, start, end, encoding, path, line);
        if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        if (text.trim() === '') return blanks.blank(line);
        blanks.data();
        onLine(text, line);
      });
    },
    progress,
  );
}

/** Splits `text` on `separator` and checks the field count (a truncated or malformed line fails). */
export function splitFields(text: string, separator: string, expected: number, file: string, line: number): string[] {
  const fields = text.split(separator);
  if (fields.length !== expected) {
    throw new DataError(file, line, `expected ${expected} '${separator}'-separated fields, found ${fields.length}: ${JSON.stringify(text.slice(0, 120))}`);
  }
  return fields;
}

/** Parses a positive integer id field written in plain decimal digits ("242"; not "242.0", "0x10" or "1e1"). */
export function parseId(value: string, field: string, file: string, line: number): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n <= 0 || n > 0x7fffffff) {
    throw new DataError(file, line, `${field} ${JSON.stringify(value)} is not a positive integer id`);
  }
  return n;
}
