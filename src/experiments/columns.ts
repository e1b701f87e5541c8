/** Metric columns the report's tables share. */
import type { MetricColumn } from './types.ts';

/** Test RMSE. */
export const RMSE_COLUMN: MetricColumn = { key: 'rmse', label: 'RMSE', better: 'lower' };

/** CPU seconds of one run's training and evaluation (wall time is noisier on a shared machine). */
export const SECONDS_COLUMN: MetricColumn = { key: 'seconds', label: 'CPU s', better: 'lower', digits: 0 };

/** FactorizedTopK accuracy columns for `ks`. */
export function topKColumns(ks: readonly number[]): MetricColumn[] {
  return ks.map((k) => ({ key: `top_${k}`, label: `top-${k}`, better: 'higher' as const }));
}
