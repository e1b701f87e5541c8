/**
 * User groupings the seeds slice MovieLens by (gender, age group, occupation): each maps every user
 * row to a dense group key with a label per key.
 */
import { bucketizeAge, type Users } from '../../data/schema.ts';
import { cleanZipCode } from '../../data/wrangle.ts';
import { denseIds } from './aggregate.ts';

/** A partition of the users: `userKey[u]` indexes `labels` (negative = user left out). */
export interface UserGrouping {
  /** What the groups are, e.g. "gender". */
  name: string;
  labels: string[];
  userKey: Int32Array;
}

/** The TFDS age buckets (ML-1M age codes) in order. */
export const AGE_CODES = [1, 18, 25, 35, 45, 50, 56] as const;

/** The ML-1M README's names of the age codes. */
export const AGE_GROUP_LABELS = ['Under 18', '18-24', '25-34', '35-44', '45-49', '50-55', '56+'];

/** Labels of `Users.gender` codes (0 = male, 1 = female). */
export const GENDER_LABELS = ['Male', 'Female'];

/** Every user in one group, labelled "All users". */
export function allUsers(users: Users): UserGrouping {
  return { name: 'all users', labels: ['All users'], userKey: new Int32Array(users.length) };
}

/** Users by gender, or undefined when the release has no demographics. */
export function byGender(users: Users): UserGrouping | undefined {
  if (!users.gender) return undefined;
  return { name: 'gender', labels: GENDER_LABELS, userKey: Int32Array.from(users.gender) };
}

/** Users by TFDS age bucket (raw ML-100K ages are bucketized), or undefined without ages. */
export function byAgeGroup(users: Users): UserGrouping | undefined {
  const { age } = users;
  if (!age) return undefined;
  const userKey = new Int32Array(users.length);
  for (let u = 0; u < users.length; u++) userKey[u] = AGE_CODES.indexOf(bucketizeAge(age[u]) as (typeof AGE_CODES)[number]);
  return { name: 'age group', labels: AGE_GROUP_LABELS, userKey };
}

/** Users by occupation as the release spells it, or undefined without occupations. */
export function byOccupation(users: Users): UserGrouping | undefined {
  if (!users.occupationText) return undefined;
  const { ids, labels } = denseIds(users.occupationText);
  return { name: 'occupation', labels, userKey: ids };
}

/** Users by zip code: the 5-digit US code when `cleanZipCode` finds one, else the code as written. */
export function byZipCode(users: Users): UserGrouping | undefined {
  if (!users.zipCode) return undefined;
  const { ids, labels } = denseIds(users.zipCode.map((raw) => cleanZipCode(raw).zip5 ?? raw.trim()));
  return { name: 'zip code', labels, userKey: ids };
}
