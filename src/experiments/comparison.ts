/** Where Maxella beats or trails the seeds: one verdict per (row, metric) that has a seed number. */
import type { ExperimentResult } from './types.ts';

/** One seed-vs-Maxella comparison. */
export interface Comparison {
  experiment: string;
  table: string;
  row: string;
  metric: string;
  seed: number;
  maxella: number;
  maxellaStd: number;
  /** `tie` when the difference is within Maxella's run-to-run std. */
  verdict: 'beats' | 'trails' | 'tie';
}

/** Every comparison the results allow, in report order. */
export function compareWithSeeds(results: readonly ExperimentResult[]): Comparison[] {
  const out: Comparison[] = [];
  for (const result of results) {
    for (const table of result.tables) {
      for (const row of table.rows) {
        for (const metric of table.metrics) {
          const seed = row.seed?.[metric.key];
          const ours = row.maxella[metric.key];
          if (!seed || !ours || Number.isNaN(ours.mean)) continue;
          const diff = metric.better === 'higher' ? ours.mean - seed.value : seed.value - ours.mean;
          const verdict = Math.abs(diff) <= ours.std ? 'tie' : diff > 0 ? 'beats' : 'trails';
          out.push({
            experiment: result.name, table: table.title, row: row.label, metric: metric.label,
            seed: seed.value, maxella: ours.mean, maxellaStd: ours.std, verdict,
          });
        }
      }
    }
  }
  return out;
}

/** "beats 9, trails 4, ties 2". */
export function tally(comparisons: readonly Comparison[]): string {
  const count = (v: Comparison['verdict']) => comparisons.filter((c) => c.verdict === v).length;
  return `beats ${count('beats')}, trails ${count('trails')}, ties ${count('tie')} (of ${comparisons.length} seed numbers)`;
}
