/** What a figure of the EDA report is: a seed question answered by charts, CSV tables and a note. */
import type { TopLevelSpec } from 'vega-lite';
import type { MovieLensDataset } from '../data/schema.ts';
import type { Row } from './charts.ts';
import { allUsers, byAgeGroup, byGender, byOccupation, defaultMinimums, type MinRatings, type UserGrouping } from './stats.ts';

/** Shared inputs of every figure. */
export interface FigureContext {
  ds: MovieLensDataset;
  /** Rating minimums behind every mean-rating ranking. */
  minRatings: MinRatings;
  groupings: { all: UserGrouping; gender?: UserGrouping; age?: UserGrouping; occupation?: UserGrouping };
  /** How many movies a per-group ranking lists. */
  topMovies: number;
}

/** A data table written as `csv/<name>.csv`. */
export interface NamedTable {
  name: string;
  rows: Row[];
}

/** What a figure shows once computed. */
export interface FigureContent {
  charts: TopLevelSpec[];
  /** The data of the figure, one CSV each (the first is the charts' data). */
  tables: NamedTable[];
  /** A table printed in the page (the seeds' Tables 3-6). */
  shown?: { caption: string; rows: Row[] };
  /** The finding, worded from the data. */
  note?: string;
}

/** One figure: the seed section it reproduces, the question, and how to compute it. */
export interface FigureDefinition {
  id: string;
  /** The seed report's section, e.g. "5.4". */
  section: string;
  question: string;
  /** The content, or a sentence saying why the dataset cannot answer the question. */
  build(ctx: FigureContext): FigureContent | string | Promise<FigureContent | string>;
}

/** The context of a dataset with the default rating minimums. */
export function figureContext(ds: MovieLensDataset, topMovies = 10): FigureContext {
  const { users } = ds;
  return {
    ds,
    minRatings: defaultMinimums(ds),
    groupings: { all: allUsers(users), gender: byGender(users), age: byAgeGroup(users), occupation: byOccupation(users) },
    topMovies,
  };
}

/** 12345 → "12,345". */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The row with the largest `value`. */
export function maxBy<T>(rows: readonly T[], value: (row: T) => number): T | undefined {
  let best: T | undefined;
  for (const r of rows) if (best === undefined || value(r) > value(best)) best = r;
  return best;
}

/** The sentence shown when a release lacks the columns a figure needs. */
export function lacks(ds: MovieLensDataset, what: string): string {
  return `${ds.name} has no ${what}, so this figure cannot be drawn.`;
}

/** part / whole as a percentage, e.g. "74.3%". */
export function share(part: number, whole: number): string {
  return `${((100 * part) / (whole || 1)).toFixed(1)}%`;
}
