/**
 * Training progress on the terminal: a bar on a TTY, a line every 10% otherwise (logs, CI), each with
 * the time so far and an ETA extrapolated from the fraction done (rough: stages differ in speed).
 */
import cliProgress from 'cli-progress';
import type { TrainingProgress } from './model/train.ts';

/** A progress callback for `trainAppModels`, and `stop()` to end the bar. */
export function terminalProgress(label: string, log: (line: string) => void = console.log): { onProgress: (p: TrainingProgress) => void; stop: () => void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | {duration_formatted}, ETA {eta_formatted} | {message}`, etaBuffer: 20, hideCursor: true }, cliProgress.Presets.shades_classic);
    bar.start(100, 0, { message: '' });
    return { onProgress: (p) => bar.update(Math.round(p.fraction * 100), { message: p.message }), stop: () => bar.stop() };
  }
  let lastDecile = -1;
  const started = performance.now();
  return {
    onProgress: (p) => {
      const decile = Math.floor(p.fraction * 10);
      if (decile > lastDecile) log(`${label}: ${Math.round(p.fraction * 100)}% ${timing((performance.now() - started) / 1000, p.fraction)} ${p.message}`);
      lastDecile = Math.max(lastDecile, decile);
    },
    stop: () => {},
  };
}

/** "(12 s, ETA 3 min)": seconds so far and the rest extrapolated from `fraction`. */
export function timing(elapsed: number, fraction: number): string {
  const eta = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : NaN;
  const human = (s: number) => (!Number.isFinite(s) ? '?' : s < 120 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`);
  return `(${human(elapsed)}, ETA ${human(eta)})`;
}
