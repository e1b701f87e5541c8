/** The public data API of Maxella: schema, readers, sources, wrangling, enrichment, splits, batches, summary. */
export * from './schema.ts';
export * from './readers/index.ts';
export * from './wrangle.ts';
export * from './enrich.ts';
export * from './extra-infos.ts';
export * from './splits.ts';
export * from './batches.ts';
export * from './summary.ts';
export { loadDataset, resolveDataset, type SourceOptions } from './source.ts';
