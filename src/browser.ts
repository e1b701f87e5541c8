/**
 * Maxella in a browser (or a web worker): the same namespaces as the Node entry on TensorFlow.js'
 * wasm backend, with data from memory or `fetch`:
 *
 *   import { initEngine, fetchMovieLens, models, tasks, train } from 'maxella/browser';
 *   await initEngine('wasm', { wasmPaths: '/wasm/' });
 *   const ds = await fetchMovieLens('/ml-100k/');
 *
 * Node-only pieces stay behind the Node entry (`maxella`): reading folders from disk, downloads,
 * SQLite, the app server and the native kernel. Inside these namespaces, functions that write or read
 * files (`saveArtifact`, `loadArtifact`, `Checkpoint`, `HnswIndex`, `UsearchIndex`, a tuner's
 * `directory`) throw an error saying they need Node; `fetchArtifact` loads a saved model over HTTP.
 */
export * from './data/portable.ts';
export { initEngine, tf, type BackendPreference, type EngineOptions } from './engine/index.ts';
export * as features from './features/index.ts';
export * as layers from './layers/index.ts';
export * as losses from './losses/index.ts';
export * as metrics from './metrics/index.ts';
export * as tasks from './tasks/index.ts';
export * as models from './models/index.ts';
export * as train from './train/index.ts';
