/**
 * What a reader does with a bad row: by default (`'fail'`) the first one stops the read with a
 * `DataError` naming the file and line; with `'drop'` bad rows are skipped, counted per file and
 * reported (the first few with their line and reason), and stated counts that disagree become warnings.
 * Problems with a file as a whole (not a regular file, a line over the length cap) always fail.
 */
import { DataError } from './data-error.ts';

/** `'fail'` (default): stop at the first bad row. `'drop'`: skip bad rows, count and report them. */
export type BadRowPolicy = 'fail' | 'drop';

/** The bad-row policies, for CLI validation. */
export const BAD_ROW_POLICIES: readonly BadRowPolicy[] = ['fail', 'drop'];

/** What a read under `'drop'` left out. */
export interface DroppedRows {
  /** Rows dropped in all files. */
  total: number;
  /** Rows dropped per file path. */
  byFile: Record<string, number>;
  /** The first dropped rows ("file:line: reason"). */
  examples: string[];
  /** Counts that disagree with what the release states (u.info, README). */
  warnings: string[];
}

const MAX_EXAMPLES = 10;

/** Applies a `BadRowPolicy` while reading and collects what was dropped. */
export class BadRows {
  private readonly byFile = new Map<string, number>();
  private readonly examples: string[] = [];
  private readonly warnings: string[] = [];
  private total = 0;

  constructor(readonly policy: BadRowPolicy = 'fail') {}

  /** Under `'fail'` throws `error`; under `'drop'` counts it. */
  reject(error: DataError): void {
    if (this.policy === 'fail') throw error;
    this.total++;
    this.byFile.set(error.file, (this.byFile.get(error.file) ?? 0) + 1);
    if (this.examples.length < MAX_EXAMPLES) this.examples.push(error.message);
  }

  /** Runs `body`; a DataError it throws is `reject`ed (other errors pass through). */
  guard(body: () => void): void {
    try {
      body();
    } catch (error) {
      if (error instanceof DataError && this.policy === 'drop') this.reject(error);
      else throw error;
    }
  }

  /** A stated count that disagrees: an error under `'fail'`, a warning under `'drop'`. */
  mismatch(error: DataError): void {
    if (this.policy === 'fail') throw error;
    this.warnings.push(error.message);
  }

  /** What was dropped, or undefined when nothing was. */
  summary(): DroppedRows | undefined {
    if (this.total === 0 && this.warnings.length === 0) return undefined;
    return { total: this.total, byFile: Object.fromEntries(this.byFile), examples: [...this.examples], warnings: [...this.warnings] };
  }
}

/** One line for logs: "dropped 3 bad rows (u.data: 2, u.item: 1); first: ...". */
export function describeDropped(d: DroppedRows): string {
  const files = Object.entries(d.byFile).map(([f, n]) => `${f}: ${n}`).join(', ');
  const parts = d.total === 0 ? ['dropped no rows'] : [`dropped ${d.total} bad row${d.total === 1 ? '' : 's'}${files ? ` (${files})` : ''}`];
  if (d.examples.length > 0) parts.push(`first: ${d.examples[0]}`);
  for (const w of d.warnings) parts.push(`warning: ${w}`);
  return parts.join('; ');
}
