/** Aggregation over seeded runs and the small formatting helpers tables use. */
import type { ExperimentContext, Mode, Stat } from './types.ts';

/** Mean and sample standard deviation (0 for a single value). */
export function meanStd(values: readonly number[]): Stat {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN, n: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(variance), n };
}

/** One run's metrics plus anything else the experiment keeps (e.g. a training curve). */
export interface RunOutput<Extra = undefined> {
  metrics: Record<string, number>;
  extra?: Extra;
}

/** The aggregated metrics of `runs` seeded runs and each run's extra output. */
export interface RepeatedRuns<Extra> {
  stats: Record<string, Stat>;
  extras: Extra[];
}

/**
 * Runs `run(seed)` for seeds `ctx.seed … ctx.seed + runs - 1` one after the other and aggregates
 * every metric into mean ± std.
 */
export async function repeatRuns<Extra = undefined>(
  ctx: Pick<ExperimentContext, 'seed'>, runs: number, run: (seed: number) => Promise<RunOutput<Extra>>,
): Promise<RepeatedRuns<Extra>> {
  const values: Record<string, number[]> = {};
  const extras: Extra[] = [];
  for (let r = 0; r < runs; r++) {
    const out = await run(ctx.seed + r);
    for (const [k, v] of Object.entries(out.metrics)) (values[k] ??= []).push(v);
    if (out.extra !== undefined) extras.push(out.extra);
  }
  const stats: Record<string, Stat> = {};
  for (const [k, v] of Object.entries(values)) stats[k] = meanStd(v);
  return { stats, extras };
}

/** The full-size or quick (smoke-test) value of a setting. */
export function bySize<T>(mode: Mode, full: T, quick: T): T {
  return mode === 'full' ? full : quick;
}

/** "0.9312 ± 0.0041" (the ± part omitted for a single run). */
export function formatStat(s: Stat | undefined, digits = 4): string {
  if (!s || Number.isNaN(s.mean)) return '—';
  return s.n > 1 ? `${s.mean.toFixed(digits)} ± ${s.std.toFixed(digits)}` : s.mean.toFixed(digits);
}
