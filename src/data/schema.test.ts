import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketizeAge, genreList, TFDS_GENRES, TFDS_OCCUPATIONS } from './schema.ts';

test('TFDS vocabularies have 21 genres and 22 occupations', () => {
  assert.equal(TFDS_GENRES.length, 21);
  assert.equal(TFDS_OCCUPATIONS.length, 22);
});

test('genreList decodes a bit mask', () => {
  assert.deepEqual(genreList((1 << 0) | (1 << 7) | (1 << 20)), [0, 7, 20]);
});

test('bucketizeAge matches the ML-1M groups', () => {
  assert.deepEqual([7, 18, 24, 25, 44, 49, 55, 56, 73].map(bucketizeAge), [1, 18, 18, 25, 35, 45, 50, 56, 56]);
});
