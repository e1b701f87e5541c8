/**
 * One benchmark case, run in its own process so its peak memory is its own: reads the MovieLens folder
 * given as argument with `readMovieLens` and prints `{ rows, seconds, peakRssBytes }` as JSON.
 */
import { readFileSync } from 'node:fs';
import { readMovieLens } from '../../src/data/readers/index.ts';

/** Peak resident set size of this process (VmHWM in /proc/self/status), in bytes. */
export function peakRssBytes(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : process.memoryUsage().rss;
}

const dir = process.argv[2];
const started = process.hrtime.bigint();
const dataset = await readMovieLens(dir);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ rows: dataset.ratings.length, seconds, peakRssBytes: peakRssBytes() }));
