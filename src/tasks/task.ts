/** What every task offers a model: its loss (via `call`) and its metrics. */
import type { Metric } from '../metrics/index.ts';

/** The task contract `Model.evaluate` relies on. */
export interface Task {
  /** Clears every metric (called before an evaluation). */
  resetMetrics(): void;
  /** Metric values under their TFRS names (called after an evaluation). */
  metricResults(): Record<string, number>;
}

/** Metric results by name; a metric with several results (`results()`) contributes all of them. */
export function collectResults(metrics: readonly (Metric & { results?(): Record<string, number> })[]): Record<string, number> {
  return Object.assign({}, ...metrics.map((m) => (m.results ? m.results() : { [m.name]: m.result() })));
}
