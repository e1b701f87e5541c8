/** Maxella's public library API. */
export * from './data/index.ts';
