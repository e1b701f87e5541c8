/** The public data API of Maxella: schema, readers, sources, wrangling, enrichment, splits, batches, summary. */
export * from './portable.ts';
export * from './readers/index.ts';
export * from './enrich.ts';
export * from './extra-infos.ts';
export { loadDataset, resolveDataset, type SourceOptions } from './source.ts';
export { writeSyntheticMovieLens, SYNTHETIC_FORMATS, DEFAULT_SYNTHETIC_SEED, type SyntheticFormat, type SyntheticOptions, type SyntheticSummary } from './synthetic.ts';
