/** Metric columns the report's tables share. */
import type { MetricColumn } from './types.ts';

/** Test RMSE. */
export const RMSE_COLUMN: MetricColumn = { key: 'rmse', label: 'RMSE', better: 'lower' };

/** Wall seconds of one run's training and evaluation (noisy when other processes share the CPU). */
export const SECONDS_COLUMN: MetricColumn = { key: 'seconds', label: 'wall s', better: 'lower', digits: 0 };

/** FactorizedTopK accuracy columns for `ks`. */
export function topKColumns(ks: readonly number[]): MetricColumn[] {
  return ks.map((k) => ({ key: `top_${k}`, label: `top-${k}`, better: 'higher' as const }));
}
