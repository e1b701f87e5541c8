/** Buffered text output with backpressure, for writers that produce millions of lines. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const CHUNK_CHARS = 1 << 20;

/** Collects text in memory and writes it in ~1 MiB chunks, waiting for the file to drain. */
export class TextFileWriter {
  private buffer = '';
  private readonly stream: WriteStream;

  constructor(path: string, private readonly encoding: 'utf8' | 'latin1') {
    this.stream = createWriteStream(path);
  }

  /** Appends text (nothing is written until a flush). */
  push(text: string): void {
    this.buffer += text;
  }

  /** Writes the buffer when it holds at least a chunk. */
  async flushIfFull(): Promise<void> {
    if (this.buffer.length >= CHUNK_CHARS) await this.flush();
  }

  /** Writes the buffer, waiting for backpressure to clear. */
  async flush(): Promise<void> {
    if (!this.buffer) return;
    const chunk = Buffer.from(this.buffer, this.encoding);
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** A CSV field, quoted (with doubled quotes) when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
