/**
 * The experiments, in report order, by the name `--only` selects. Each module loads lazily so the
 * command line stays fast.
 */
import type { Experiment } from './types.ts';

/** Experiment name → loader of its module. */
export const EXPERIMENTS = {
  basic: async () => (await import('./basic.ts')).basic,
  retrieval: async () => (await import('./retrieval.ts')).retrieval,
  ranking: async () => (await import('./ranking.ts')).ranking,
  dcn: async () => (await import('./dcn.ts')).dcn,
  multitask: async () => (await import('./multitask.ts')).multitask,
  listwise: async () => (await import('./listwise.ts')).listwise,
  tuning: async () => (await import('./tuning.ts')).tuning,
  baselines: async () => (await import('./baselines.ts')).baselines,
  topk: async () => (await import('./topk.ts')).topk,
} satisfies Record<string, () => Promise<Experiment>>;

/** A known experiment name. */
export type ExperimentName = keyof typeof EXPERIMENTS;

/** Every experiment name, in report order. */
export const EXPERIMENT_NAMES = Object.keys(EXPERIMENTS) as ExperimentName[];

/** Checks a comma-separated `--only` list and returns the names in report order. */
export function selectExperiments(only?: string): ExperimentName[] {
  if (!only) return EXPERIMENT_NAMES;
  const wanted = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((w) => !(w in EXPERIMENTS));
  if (unknown.length) throw new Error(`unknown experiment ${unknown.join(', ')}: expected ${EXPERIMENT_NAMES.join(', ')}`);
  return EXPERIMENT_NAMES.filter((n) => wanted.includes(n));
}
