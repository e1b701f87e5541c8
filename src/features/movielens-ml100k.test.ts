import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMovieLens } from '../data/readers/index.ts';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import type { Ragged } from './columns.ts';
import { availableFeatures, MovieLensEncoder } from './movielens.ts';

test('MovieLensEncoder on real ML-100K: vocabulary sizes and shapes', { skip: skipWithoutSharedData('ml-100k') }, async () => {
  const ds = await readMovieLens(sharedDataPath('ml-100k')!);
  const features = availableFeatures(ds);
  assert.deepEqual(features.filter((f) => ['director', 'star'].includes(f)), []);
  const train = Int32Array.from({ length: 80_000 }, (_, i) => i);
  const enc = new MovieLensEncoder({ features, fitUsers: 'all' }).adapt(ds, train);
  const cols = enc.encode(ds);
  assert.equal(cols.length, 100_000);
  assert.equal(enc.vocabularySize('user_id'), 943 + 1);
  assert.equal(enc.vocabularySize('movie_id'), 1682 + 1);
  assert.equal(enc.vocabularySize('movie_title'), 1664 + 1);
  assert.equal(enc.vocabularySize('timestamp_bucket'), 1001);
  assert.equal(enc.vocabularySize('bucketized_user_age'), 7 + 1);
  assert.equal(enc.vocabularySize('user_gender'), 2 + 1);
  // ML-100K's 21 occupations fall on 17 TFDS labels (doctor+healthcare, none+other, marketing+salesman, engineer+technician).
  assert.equal(enc.vocabularySize('user_occupation_label'), 17 + 1);
  for (const [name, col] of Object.entries(cols.features)) {
    const n = 'width' in col ? col.values.length / col.width : col.length;
    assert.equal(n, 100_000, `rows of ${name}`);
  }
  const ids = cols.features.user_id as Int32Array;
  assert.ok(ids.every((id) => id >= 1 && id <= 943), 'every user is in the vocabulary');
  const tokens = cols.features.movie_title_tokens as Ragged;
  assert.ok(tokens.width >= 5 && tokens.width <= 20, `title width ${tokens.width}`);
  assert.ok(enc.vocabularySize('movie_title_tokens') > 2000 && enc.vocabularySize('movie_title_tokens') <= 10_000);
  const movies = enc.encodeMovies(ds);
  assert.equal(movies.length, 1682);
});
