/**
 * The part of the data API that runs anywhere, a browser included: the schema, MovieLens 100K / 1M
 * from files in memory or fetched over HTTP, wrangling, splits, batches and summaries. `./index.ts`
 * (Node) adds reading folders from disk, downloads, enrichment and the synthetic generator.
 */
export * from './schema.ts';
export { DataError } from './readers/data-error.ts';
export { BAD_ROW_POLICIES, describeDropped, type BadRowPolicy, type DroppedRows } from './readers/bad-rows.ts';
export type { MovieLensFormat } from './readers/detect.ts';
export type { ProgressCallback } from './readers/lines.ts';
export { ML100K_GENRES, ML100K_OCCUPATION_TO_TFDS, ML1M_AGE_GROUPS, ML1M_OCCUPATIONS, ml100kOccupationLabel, ml1mOccupationLabel, tfdsGenreId } from './readers/vocabularies.ts';
export { parseMl100kDate } from './readers/ml-100k.ts';
export type { ReadMovieLensOptions } from './readers/release.ts';
export { fetchMovieLens, readMovieLensFiles, type FetchMovieLensOptions } from './readers/in-memory.ts';
export type { FileContents } from './readers/files.ts';
export * from './wrangle.ts';
export * from './splits.ts';
export * from './batches.ts';
export * from './summary.ts';
