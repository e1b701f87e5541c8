/** Models: the `Model` base class and the concrete TFRS-style models. */
export * from './model.ts';
export * from './towers.ts';
export * from './two-tower.ts';
export * from './ranking.ts';
export * from './matrix-factorization.ts';
/**
 * Artifacts, re-exported here after the model modules above are imported (each registers its class),
 * so `loadArtifact` from this module rebuilds any of these models without further imports.
 */
export { saveArtifact, loadArtifact, readManifest, registeredModels, type ArtifactManifest, type LoadedArtifact, type SaveArtifactOptions, type ExtraFileWriter } from '../train/artifact.ts';
