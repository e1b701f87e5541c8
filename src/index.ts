/**
 * Maxella's public library API, in TFRS's vocabulary:
 *
 *   import { initEngine, loadDataset, features, layers, tasks, metrics, models, train } from 'maxella';
 *
 * The data layer is exported flat (`loadDataset`, `randomSplit`, ...); the rest as namespaces like
 * `tfrs.layers`, `tfrs.tasks`, ... (`tasks.Retrieval`, `metrics.FactorizedTopK`, `layers.Cross`).
 */
export * from './browser.ts';
// The Node entry adds reading folders from disk, downloads, enrichment and the synthetic generator.
export * from './data/index.ts';
