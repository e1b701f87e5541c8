/** Section 5.3: the initial statistics summary (seed Table 3) from `datasetSummary`. */
import { datasetSummary, type Describe } from '../../data/summary.ts';
import type { FigureDefinition } from '../figure.ts';
import { roundTo } from '../stats.ts';

const STATS: [keyof Describe, string][] = [['count', 'count'], ['mean', 'mean'], ['std', 'std'], ['min', 'min'], ['q25', '25%'], ['q50', '50%'], ['q75', '75%'], ['max', 'max']];

/** Table 3: pandas-style `describe()` of the per-rating columns, plus counts and sparsity. */
export const summaryFigure: FigureDefinition = {
  id: 'summary-statistics',
  section: '5.3',
  question: 'Initial statistics summary',
  build({ ds }) {
    const s = datasetSummary(ds);
    const columns = Object.entries(s.describe) as [string, Describe][];
    const rows = STATS.map(([key, label]) => ({
      statistic: label,
      ...Object.fromEntries(columns.map(([name, d]) => [name, roundTo(d[key], 1)])),
    }));
    const range = s.timeRange ? `, rated from ${s.timeRange.first.slice(0, 10)} to ${s.timeRange.last.slice(0, 10)}` : '';
    const note =
      `${s.counts.ratings.toLocaleString('en-US')} ratings by ${s.counts.ratingUsers.toLocaleString('en-US')} users of ` +
      `${s.counts.ratedMovies.toLocaleString('en-US')} movies${range}; the rating matrix is ${(s.sparsity * 100).toFixed(2)}% empty.`;
    return { charts: [], tables: [{ name: 'summary-statistics', rows }], shown: { caption: 'Table 3: statistics per rating (pandas describe())', rows }, note };
  },
};
