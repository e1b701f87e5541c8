/** Maxella's public library API. */
export * from './data/schema.ts';
