/** Sections 5.4-5.5: when people rate (month of the year, day of the week). */
import type { Ratings } from '../../data/schema.ts';
import { barChart } from '../charts.ts';
import { int, maxBy, share, type FigureDefinition } from '../figure.ts';
import { ratingsByMonth, ratingsByWeekday, type PeriodCount } from '../stats.ts';

/** A figure of ratings per period, in calendar order. */
function periodFigure(id: string, section: string, question: string, period: string, count: (r: Ratings) => PeriodCount[]): FigureDefinition {
  return {
    id,
    section,
    question,
    build({ ds }) {
      const rows = count(ds.ratings);
      const top = maxBy(rows, (r) => r.ratings)!;
      const chart = barChart({
        title: `Ratings per ${period}`,
        subtitle: `${ds.name}, ${int(ds.ratings.length)} ratings (timestamps in UTC)`,
        values: rows,
        category: 'period',
        categoryTitle: period[0].toUpperCase() + period.slice(1),
        measure: 'ratings',
        measureTitle: 'Number of ratings',
        keepOrder: true,
      });
      const note = `The busiest ${period} is ${top.period}, with ${int(top.ratings)} ratings (${share(top.ratings, ds.ratings.length)} of all).`;
      return { charts: [chart], tables: [{ name: id, rows }], note };
    },
  };
}

/** Figure 3: ratings per month of the year. */
export const monthFigure = periodFigure('ratings-by-month', '5.4', 'What is the preferable month of the year to rate/watch movies?', 'month of the year', ratingsByMonth);

/** Figure 4: ratings per day of the week. */
export const weekdayFigure = periodFigure('ratings-by-weekday', '5.5', 'What is the preferable day of the week to rate/watch movies?', 'day of the week', ratingsByWeekday);
