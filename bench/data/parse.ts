/**
 * Data benchmark: parse speed (rows/s) and peak memory of `readMovieLens` on the real ML-100K (when
 * ../shared has it) and on a 25M-rating synthetic ML-25M-format folder (generated into the cache on first
 * run), each beside a reference reader (pandas.read_csv, else Python's csv module) reading the same files.
 *
 *   node --import tsx bench/data/parse.ts [--ratings N]
 *
 * Every case runs in a fresh child process, and peak memory is that process's VmHWM.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataset, SHARED_RELEASES_DIR } from '../../src/data/source.ts';
import { benchArgs, positive } from '../args.ts';

interface Measurement {
  rows: number;
  seconds: number;
  peakRssBytes: number;
  tool?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const MEMORY_LIMIT_BYTES = 2 * 1024 ** 3;
const args = benchArgs('data', 'MovieLens parse speed (rows/s) and peak memory of readMovieLens on ML-100K and a synthetic ML-25M-format folder, beside pandas.', {
  ratings: { type: 'string', default: '25000095', help: 'ratings of the synthetic dataset' },
});
const syntheticRatings = positive('ratings', args.ratings);

function measure(command: string, args: string[]): Measurement {
  return JSON.parse(execFileSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop() ?? '') as Measurement;
}

/** The Python that has pandas (Debian's python3-pandas lives under /usr/bin/python3), else any python3. */
function python(): string {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import pandas'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  return 'python3';
}

const cases: Array<{ name: string; dir: string }> = [];
const real100k = join(SHARED_RELEASES_DIR, 'ml-100k');
if (existsSync(real100k)) cases.push({ name: 'ML-100K (real)', dir: real100k });
else console.log(`skipping ML-100K: ${real100k} is absent`);
console.log(`preparing synthetic:25m:${syntheticRatings} (generated into the cache on first run) ...`);
cases.push({ name: `synthetic 25M-format, ${syntheticRatings.toLocaleString('en-US')} ratings`, dir: await resolveDataset(`synthetic:25m:${syntheticRatings}`) });

const py = python();
const mib = (bytes: number): string => (bytes / 1024 ** 2).toFixed(0);
const table: string[][] = [['case', 'reader', 'rows', 'seconds', 'rows/s', 'peak RSS MiB', 'Maxella ÷ reference (rows/s)']];
let overLimit = false;
for (const { name, dir } of cases) {
  const ours = measure(process.execPath, ['--import', 'tsx', join(here, 'parse-case.ts'), dir]);
  const ref = measure(py, [join(here, 'parse_reference.py'), dir]);
  const speed = (m: Measurement): number => m.rows / m.seconds;
  table.push([name, 'Maxella readMovieLens', String(ours.rows), ours.seconds.toFixed(2), speed(ours).toFixed(0), mib(ours.peakRssBytes), (speed(ours) / speed(ref)).toFixed(2)]);
  table.push([name, ref.tool ?? 'reference', String(ref.rows), ref.seconds.toFixed(2), speed(ref).toFixed(0), mib(ref.peakRssBytes), '1.00']);
  if (ours.rows >= 20_000_000 && ours.peakRssBytes > MEMORY_LIMIT_BYTES) overLimit = true;
}
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
console.log('(both readers parse the same files: ratings, movies and users / links / tags; timings are noisy on shared CPUs)');
if (overLimit) {
  console.error(`FAIL: a 25M-rating load used more than ${mib(MEMORY_LIMIT_BYTES)} MiB`);
  process.exitCode = 1;
}
