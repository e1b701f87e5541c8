import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import { readMovieLens } from './readers/index.ts';
import { datasetSummary, describeWeighted, formatSummary } from './summary.ts';

test('describeWeighted matches pandas describe() on the expanded column', () => {
  // pandas: pd.Series([1, 2, 2, 3, 3, 3, 10]).describe()
  const expanded = describeWeighted([1, 2, 2, 3, 3, 3, 10]);
  assert.deepEqual({ ...expanded, mean: +expanded.mean.toFixed(6), std: +expanded.std.toFixed(6) }, {
    count: 7, mean: 3.428571, std: 2.992053, min: 1, q25: 2, q50: 3, q75: 3, max: 10,
  });
  assert.deepEqual(describeWeighted([3, 1, 10, 2], [3, 1, 1, 2]), expanded);
  assert.equal(describeWeighted([1, 2, 3, 4]).q25, 1.75);
});

test('ML-100K summary: counts, Table 3 columns and text', { skip: skipWithoutSharedData('ml-100k') }, async () => {
  const s = datasetSummary(await readMovieLens(sharedDataPath('ml-100k')!));
  assert.deepEqual(s.counts, { ratings: 100_000, users: 943, movies: 1682, ratedMovies: 1682, ratingUsers: 943 });
  assert.deepEqual(s.ratingDistribution.map((d) => d.count), [6110, 11370, 27145, 34174, 21201]);
  assert.equal(s.describe.user_rating!.mean.toFixed(5), '3.52986');
  assert.deepEqual([s.describe.timestamp!.min, s.describe.timestamp!.max], [874724710, 893286638]);
  assert.equal(s.describe.bucketized_user_age!.count, 100_000);
  assert.equal(s.nonUsZipUsers, 18);
  assert.equal(s.ratingsPerUser.min, 20);
  assert.ok(Math.abs(s.sparsity - (1 - 100_000 / (943 * 1682))) < 1e-12);
  const text = formatSummary(s);
  for (const label of ['bucketized_user_age', 'user_zip_code', '25%', '1997-09-20', '34,174']) assert.ok(text.includes(label), label);
});
