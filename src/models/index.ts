/** Models: the `Model` base class and the concrete TFRS-style models. */
export * from './model.ts';
export * from './towers.ts';
export * from './two-tower.ts';
export * from './ranking.ts';
export * from './matrix-factorization.ts';
export * from './popularity.ts';
export * from './dot-product.ts';
export * from './context.ts';
export * from './dcn.ts';
export * from './multitask.ts';
export * from './listwise.ts';
export * from './listwise-lists.ts';
export * from './encoder-towers.ts';
export * from './top-k.ts';
export * from './user-items.ts';
export * from './item-item.ts';
export * from './ease.ts';
export * from './implicit-als.ts';
export * from './item-knn.ts';
export * from './bpr.ts';
export * from './blend.ts';
export * from './embedding-lists.ts';
/**
 * Artifacts, re-exported here after the model modules above are imported (each registers its class),
 * so `loadArtifact` from this module rebuilds any of these models without further imports.
 */
export { saveArtifact, loadArtifact, fetchArtifact, readManifest, registeredModels, type ArtifactManifest, type LoadedArtifact, type LoadArtifactOptions, type SaveArtifactOptions, type ExtraFileWriter } from '../train/artifact.ts';
