/** Streaming CSV records with csv-parse (quoted titles and tags), with file/line errors. */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { DataError } from './data-error.ts';
import type { ProgressTracker } from './lines.ts';

/** Column positions by name, from a CSV header. */
export type ColumnIndex = Record<string, number>;

/**
 * Calls `onRecord(fields, columns, lineNumber)` for each record of a headed CSV file after checking
 * the header has `required` columns. Invalid UTF-8 (decoded as U+FFFD) is reported as a wrong encoding.
 */
export async function forEachCsvRecord(
  path: string,
  required: readonly string[],
  onRecord: (fields: string[], columns: ColumnIndex, line: number) => void,
  progress?: ProgressTracker,
): Promise<void> {
  const stream = createReadStream(path);
  if (progress) stream.on('data', (chunk) => progress.advance(chunk.length));
  const parser = stream.pipe(parse({ bom: true, info: true, skip_empty_lines: true }));
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
      if (record.length !== width) throw new DataError(path, line, `expected ${width} fields, found ${record.length}`);
      for (const f of record) if (f.includes('\uFFFD')) throw new DataError(path, line, 'is not valid UTF-8 (wrong encoding?)');
      onRecord(record, columns, line);
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof DataError) throw error;
    const e = error as Error & { lines?: number };
    throw new DataError(path, e.lines ?? 0, `malformed CSV: ${e.message}`);
  }
  if (columns === null) throw new DataError(path, 0, `is empty; expected a header ${required.join(',')}`);
}
