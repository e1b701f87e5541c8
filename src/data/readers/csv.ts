/** Streaming CSV records with csv-parse (quoted titles and tags), with file/line errors. */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { BadRows } from './bad-rows.ts';
import { DataError } from './data-error.ts';
import { readChunks } from './files.ts';
import { BlankLines, MAX_LINE_BYTES, regularFileSize, type ProgressTracker } from './lines.ts';

/** Column positions by name, from a CSV header. */
export type ColumnIndex = Record<string, number>;

/**
 * Calls `onRecord(fields, columns, lineNumber)` for each record of a headed CSV file after checking
 * the header has `required` columns. Invalid UTF-8 (decoded as U+FFFD) is reported as a wrong encoding.
 * A record of the wrong width, a blank line mid-file and any DataError `onRecord` throws go to `bad`;
 * a CSV syntax error (unclosed quote) or a record over the line cap ends the read.
 */
export async function forEachCsvRecord(
  path: string,
  required: readonly string[],
  onRecord: (fields: string[], columns: ColumnIndex, line: number) => void,
  progress?: ProgressTracker,
  bad: BadRows = new BadRows(),
): Promise<void> {
  const size = regularFileSize(path);
  const stream = Readable.from(readChunks(path));
  let bytesRead = 0;
  stream.on('data', (chunk) => {
    bytesRead += chunk.length;
    if (bytesRead > size) stream.destroy(new DataError(path, 0, `grew while being read (more than its ${size} bytes): not a finished data file`));
    progress?.advance(chunk.length);
  });
  const parser = stream.pipe(parse({ bom: true, info: true, skip_empty_lines: false, relax_column_count: true, max_record_size: MAX_LINE_BYTES }));
  stream.on('error', (error) => parser.destroy(error));
  const blanks = new BlankLines(path, bad);
  let columns: ColumnIndex | null = null;
  let width = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (columns === null) {
        columns = {};
        record.forEach((name, i) => (columns![name.trim()] = i));
        const missing = required.filter((c) => !(c in columns!));
        if (missing.length > 0) throw new DataError(path, line, `header lacks column(s) ${missing.join(', ')}; expected ${required.join(',')}`);
        width = record.length;
        continue;
      }
      if (record.length === 1 && record[0].trim() === '') {
        blanks.blank(line);
        continue;
      }
      bad.guard(() => {
        blanks.data();
        if (record.length !== width) throw new DataError(path, line, `expected ${width} fields, found ${record.length}`);
        for (const f of record) if (f.includes('\uFFFD')) throw new DataError(path, line, 'is not valid UTF-8 (wrong encoding?)');
        onRecord(record, columns!, line);
      });
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof DataError) throw error;
    const e = error as Error & { lines?: number };
    throw new DataError(path, e.lines ?? 0, `malformed CSV: ${e.message}`);
  }
  if (columns === null) throw new DataError(path, 0, `is empty; expected a header ${required.join(',')}`);
}
