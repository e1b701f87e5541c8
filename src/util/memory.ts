/**
 * Peak memory of the running process, for the summary line every long job prints at its end
 * (`maxella train`, the app once it serves, the benchmarks).
 */
import { readFileSync } from 'node:fs';

/** Peak resident set size of this process in bytes: VmHWM of /proc/self/status, else `resourceUsage().maxRSS`. */
export function peakRssBytes(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

/** The line a long job prints at its end: `<label>: peak RSS 123.4 MiB`. */
export function peakMemoryLine(label: string): string {
  return `${label}: peak RSS ${mib(peakRssBytes())} MiB`;
}
