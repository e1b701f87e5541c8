/**
 * The statistics behind every figure of the EDA report: pure, columnar functions of a
 * `MovieLensDataset` returning small arrays of records (one per bar, point or table row).
 */
export * from './stats/aggregate.ts';
export * from './stats/groupings.ts';
export * from './stats/time.ts';
export * from './stats/demographics.ts';
export * from './stats/movies.ts';
export * from './stats/catalog.ts';
export * from './stats/location.ts';
export * from './stats/people.ts';
