/** When people rate: ratings per month of the year and per day of the week (UTC, as pandas does). */
import type { Ratings } from '../../data/schema.ts';
import { totalsBy } from './aggregate.ts';

/** Month names, January first. */
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Weekday names, Monday first (pandas' `dayofweek` order). */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Ratings in one period (a month or a weekday). */
export interface PeriodCount {
  period: string;
  ratings: number;
}

const SECONDS_PER_DAY = 86_400;

/** Monday-first weekday (0..6) of a Unix time in seconds, UTC; 1970-01-01 was a Thursday. */
export function weekdayOf(seconds: number): number {
  return (Math.floor(seconds / SECONDS_PER_DAY) + 3) % 7;
}

/** Ratings per month of the year (all years together), January first. */
export function ratingsByMonth(ratings: Ratings): PeriodCount[] {
  const monthOfDay = new Map<number, number>();
  const { timestamp } = ratings;
  const totals = totalsBy(ratings, 12, (i) => {
    const day = Math.floor(timestamp[i] / SECONDS_PER_DAY);
    let month = monthOfDay.get(day);
    if (month === undefined) monthOfDay.set(day, (month = new Date(day * SECONDS_PER_DAY * 1000).getUTCMonth()));
    return month;
  });
  return MONTHS.map((period, k) => ({ period, ratings: totals.count[k] }));
}

/** Ratings per day of the week, Monday first. */
export function ratingsByWeekday(ratings: Ratings): PeriodCount[] {
  const { timestamp } = ratings;
  const totals = totalsBy(ratings, 7, (i) => weekdayOf(timestamp[i]));
  return WEEKDAYS.map((period, k) => ({ period, ratings: totals.count[k] }));
}
