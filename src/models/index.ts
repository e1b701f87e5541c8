/** Models: the `Model` base class and the concrete TFRS-style models. */
export * from './model.ts';
export * from './towers.ts';
export * from './two-tower.ts';
export * from './ranking.ts';
