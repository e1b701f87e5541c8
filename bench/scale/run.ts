/**
 * bench/scale: the app's pipeline on synthetic ML-25M-format data of growing size
 * (`npx maxella bench scale`):
 *
 *   node --import tsx bench/scale/run.ts [--sizes 1000000,5000000,25000000] [--training '{"epochs":1}']
 *       [--serve-timeout 1800]
 *
 * For each size: generates (or reuses from the cache) `synthetic:25m:<size>`, then in one child
 * process loads it, trains the app's default models through `trainAppModels` (stage by stage, from
 * its progress reports), builds the candidate index and saves the version (train-stage.ts); then
 * starts `maxella serve` on that folder and version and times it until it prints its address. Each
 * stage gets its time and the peak RSS reached by its end; the table ends with the growth ratios
 * (time and peak RSS of each size ÷ the first size's, next to the ratio of ratings): linear growth
 * keeps the two close.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataset } from '../../src/data/source.ts';
import { mib, peakMemoryLine } from '../../src/util/memory.ts';
import type { StageResult } from './train-stage.ts';
import { benchArgs, positive } from '../args.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const values = benchArgs('scale', 'The app on synthetic ML-25M-format data of growing size: load, train, index, evaluate, serve start (time, peak RSS, growth).', {
  sizes: { type: 'string', default: '1000000,5000000,25000000', help: 'ratings of each synthetic dataset' },
  training: { type: 'string', default: '{}', help: 'JSON of training options passed to trainAppModels' },
  'serve-timeout': { type: 'string', default: '1800', help: 'seconds to wait for maxella serve to listen' },
});
const sizes = values.sizes!.split(',').map((s) => positive('sizes', s));
const serveTimeout = positive('serve-timeout', values['serve-timeout'], false) * 1000;

/** Starts `maxella serve` on a trained version; resolves with the seconds until it printed its address and its peak RSS. */
function serveStart(dir: string, artifacts: string, db: string): Promise<StageResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin', 'maxella.js'), 'serve', '--data', dir, '--artifacts', artifacts, '--db', db, '--port', '0'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => finish(new Error(`maxella serve did not print its address within ${serveTimeout / 1000} s`)), serveTimeout);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      let peak = NaN;
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peak = Number(match[1]) * 1024;
      } catch {
        // the process is gone
      }
      child.kill('SIGTERM');
      if (error) reject(new Error(`${error.message}\n${output.slice(-2000)}`));
      else resolve({ stage: 'serve start', seconds: (performance.now() - started) / 1000, peakRssBytes: peak });
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/maxella: open http/.test(output)) finish();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => finish(new Error(`maxella serve exited with ${code} before serving`)));
  });
}

/** All stages of one size. */
interface SizeResult {
  ratings: number;
  users: number;
  movies: number;
  generateSeconds: number;
  stages: StageResult[];
  metrics?: Record<string, number>;
}

console.log(`bench/scale on ${cpus().length} × ${cpus()[0]?.model}; load average ${loadavg()[0].toFixed(1)}; training options ${values.training}`);
const results: SizeResult[] = [];
for (const size of sizes) {
  let t0 = performance.now();
  const dir = await resolveDataset(`synthetic:25m:${size}`);
  const generateSeconds = (performance.now() - t0) / 1000;
  console.log(`\n${size.toLocaleString('en-US')} ratings: data in ${dir} (${generateSeconds.toFixed(1)} s to generate or find)`);
  const work = mkdtempSync(join(tmpdir(), 'maxella-scale-'));
  try {
    t0 = performance.now();
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'train-stage.ts'), dir, join(work, 'models'), values.training!],
      { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] });
    const trained = JSON.parse(stdout.trim().split('\n').pop()!) as Omit<SizeResult, 'generateSeconds'>;
    const serve = await serveStart(dir, join(work, 'models'), join(work, 'app.db'));
    const result = { ...trained, generateSeconds, stages: [...trained.stages, serve] };
    results.push(result);
    for (const s of result.stages) console.log(`  ${s.stage.padEnd(22)} ${s.seconds.toFixed(1).padStart(8)} s   peak RSS ${mib(s.peakRssBytes).padStart(8)} MiB`);
    console.log(`  (${result.users} users, ${result.movies} movies; metrics ${JSON.stringify(trained.metrics ?? {})})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const names = results[0]?.stages.map((s) => s.stage) ?? [];
const header = ['stage', ...results.map((r) => `${(r.ratings / 1e6).toFixed(0)} M: s`), ...results.map((r) => `${(r.ratings / 1e6).toFixed(0)} M: MiB`),
  ...results.slice(1).map((r) => `time ×, ${(r.ratings / results[0].ratings).toFixed(1)}× ratings`)];
const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
for (const name of [...names, 'total']) {
  const at = (r: SizeResult) => (name === 'total'
    ? { seconds: r.stages.reduce((t, s) => t + s.seconds, 0), peakRssBytes: Math.max(...r.stages.map((s) => s.peakRssBytes)) }
    : r.stages.find((s) => s.stage === name)!);
  const base = at(results[0]);
  lines.push(`| ${[name, ...results.map((r) => at(r).seconds.toFixed(1)), ...results.map((r) => mib(at(r).peakRssBytes)),
    ...results.slice(1).map((r) => (at(r).seconds / base.seconds).toFixed(1))].join(' | ')} |`);
}
console.log(`\n${lines.join('\n')}`);
console.log(peakMemoryLine('bench/scale'));
