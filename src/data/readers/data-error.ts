/** Errors about bad input files: they name the file, the 1-based line and what was wrong. */

/** A problem in a data file. `line` is 1-based; 0 when the problem is about the file as a whole. */
export class DataError extends Error {
  readonly file: string;
  readonly line: number;
  readonly reason: string;

  constructor(file: string, line: number, reason: string) {
    super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
    this.name = 'DataError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
