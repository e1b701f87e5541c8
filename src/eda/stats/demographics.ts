/** Who rates: rating counts per user group, per pair of groups, and rating values per gender. */
import type { MovieLensDataset } from '../../data/schema.ts';
import { keyByUser, meanOf, roundTo, totalsBy } from './aggregate.ts';
import { GENDER_LABELS, type UserGrouping } from './groupings.ts';

/** Ratings and users of one group. */
export interface GroupCount {
  group: string;
  users: number;
  ratings: number;
  meanRating: number;
}

/** Users per key of a grouping. */
function usersPerKey(grouping: { userKey: Int32Array }, nKeys: number): Float64Array {
  const users = new Float64Array(nKeys);
  for (const k of grouping.userKey) if (k >= 0) users[k]++;
  return users;
}

/** Ratings, users and mean rating of every group, in the grouping's label order. */
export function ratingsByGroup(ds: MovieLensDataset, grouping: UserGrouping): GroupCount[] {
  const n = grouping.labels.length;
  const totals = totalsBy(ds.ratings, n, keyByUser(ds, grouping.userKey));
  const users = usersPerKey(grouping, n);
  return grouping.labels.map((group, k) => ({
    group,
    users: users[k],
    ratings: totals.count[k],
    meanRating: roundTo(meanOf(totals, k)),
  }));
}

/** Ratings of one (first, second) pair of groups, e.g. occupation x age group (seed Table 4). */
export interface CrossCount {
  first: string;
  second: string;
  users: number;
  ratings: number;
  meanRating: number;
}

/** Ratings per pair of groups of `first` x `second`, most ratings first; empty pairs are left out. */
export function ratingsByGroupPair(ds: MovieLensDataset, first: UserGrouping, second: UserGrouping): CrossCount[] {
  const nb = second.labels.length;
  const n = first.labels.length * nb;
  const userKey = first.userKey.map((ka, u) => (ka < 0 || second.userKey[u] < 0 ? -1 : ka * nb + second.userKey[u]));
  const totals = totalsBy(ds.ratings, n, keyByUser(ds, userKey));
  const users = usersPerKey({ userKey }, n);
  const out: CrossCount[] = [];
  for (let k = 0; k < n; k++) {
    if (totals.count[k] === 0) continue;
    out.push({
      first: first.labels[Math.floor(k / nb)],
      second: second.labels[k % nb],
      users: users[k],
      ratings: totals.count[k],
      meanRating: roundTo(meanOf(totals, k)),
    });
  }
  return out.sort((a, b) => b.ratings - a.ratings);
}

/** How often one rating value was given by one gender. */
export interface RatingValueCount {
  rating: number;
  gender: string;
  ratings: number;
  /** Fraction of that gender's ratings. */
  share: number;
}

/** The distribution of rating values split by gender (half stars kept apart), or undefined. */
export function ratingDistributionByGender(ds: MovieLensDataset): RatingValueCount[] | undefined {
  const { gender } = ds.users;
  if (!gender) return undefined;
  const { user, rating } = ds.ratings;
  const slots = 21; // doubled rating values 0..20 (ratings 0, 0.5, ..., 10)
  const totals = totalsBy(ds.ratings, 2 * slots, (i) => gender[user[i]] * slots + Math.round(rating[i] * 2));
  const perGender = [0, 1].map((g) => totals.count.subarray(g * slots, (g + 1) * slots).reduce((a, b) => a + b, 0));
  const out: RatingValueCount[] = [];
  for (let v = 0; v < slots; v++) {
    if (totals.count[v] + totals.count[slots + v] === 0) continue;
    for (const g of [0, 1]) {
      const count = totals.count[g * slots + v];
      out.push({ rating: v / 2, gender: GENDER_LABELS[g], ratings: count, share: roundTo(count / (perGender[g] || 1), 4) });
    }
  }
  return out;
}
