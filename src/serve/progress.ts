/** Training progress on the terminal: a bar on a TTY, a line every 10% otherwise (logs, CI). */
import cliProgress from 'cli-progress';
import type { TrainingProgress } from './model/train.ts';

/** A progress callback for `trainAppModels`, and `stop()` to end the bar. */
export function terminalProgress(label: string, log: (line: string) => void = console.log): { onProgress: (p: TrainingProgress) => void; stop: () => void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% {message}`, hideCursor: true }, cliProgress.Presets.shades_classic);
    bar.start(100, 0, { message: '' });
    return { onProgress: (p) => bar.update(Math.round(p.fraction * 100), { message: p.message }), stop: () => bar.stop() };
  }
  let lastDecile = -1;
  return {
    onProgress: (p) => {
      const decile = Math.floor(p.fraction * 10);
      if (decile > lastDecile) log(`${label}: ${Math.round(p.fraction * 100)}% ${p.message}`);
      lastDecile = Math.max(lastDecile, decile);
    },
    stop: () => {},
  };
}
