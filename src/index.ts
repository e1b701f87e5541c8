/**
 * Maxella's public library API, in TFRS's vocabulary:
 *
 *   import { initEngine, loadDataset, features, layers, tasks, metrics, models, train } from 'maxella';
 *
 * The data layer is exported flat (`loadDataset`, `randomSplit`, ...); the rest as namespaces like
 * `tfrs.layers`, `tfrs.tasks`, ... (`tasks.Retrieval`, `metrics.FactorizedTopK`, `layers.Cross`).
 */
export * from './data/index.ts';
export { initEngine, tf } from './engine/index.ts';
export * as features from './features/index.ts';
export * as layers from './layers/index.ts';
export * as losses from './losses/index.ts';
export * as metrics from './metrics/index.ts';
export * as tasks from './tasks/index.ts';
export * as models from './models/index.ts';
export * as train from './train/index.ts';
