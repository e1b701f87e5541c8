import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TFDS_GENRES, TFDS_OCCUPATIONS } from '../schema.ts';
import { ML100K_GENRES, ml100kOccupationLabel, ML1M_OCCUPATIONS, ml1mOccupationLabel, tfdsGenreId } from './vocabularies.ts';

const label = (id: number): string => TFDS_OCCUPATIONS[id];

test('ML-100K occupations map to the TFDS labels exactly as tensorflow_datasets does', () => {
  const expected: Record<string, string> = {
    administrator: 'clerical/admin', artist: 'artist', doctor: 'doctor/health care', educator: 'academic/educator',
    engineer: 'technician/engineer', entertainment: 'entertainment', executive: 'executive/managerial',
    healthcare: 'doctor/health care', homemaker: 'homemaker', lawyer: 'lawyer', librarian: 'librarian',
    marketing: 'sales/marketing', none: 'other/not specified', other: 'other/not specified', programmer: 'programmer',
    retired: 'retired', salesman: 'sales/marketing', scientist: 'scientist', student: 'student',
    technician: 'technician/engineer', writer: 'writer',
  };
  for (const [name, tfds] of Object.entries(expected)) assert.equal(label(ml100kOccupationLabel(name)), tfds, name);
  assert.equal(ml100kOccupationLabel('doctor'), 4);
  assert.equal(ml100kOccupationLabel('astronaut'), -1);
});

test('ML-1M occupation codes 0-20 map to the TFDS labels (both students → student)', () => {
  const expected = [
    'other/not specified', 'academic/educator', 'artist', 'clerical/admin', 'student', 'customer service',
    'doctor/health care', 'executive/managerial', 'farmer', 'homemaker', 'student', 'lawyer', 'programmer', 'retired',
    'sales/marketing', 'scientist', 'self-employed', 'technician/engineer', 'tradesman/craftsman', 'unemployed', 'writer',
  ];
  assert.deepEqual(expected.map((_, code) => label(ml1mOccupationLabel(code))), expected);
  assert.equal(ML1M_OCCUPATIONS[4], 'college/grad student');
  assert.equal(ML1M_OCCUPATIONS[10], 'K-12 student');
  assert.equal(ml1mOccupationLabel(21), -1);
});

test('release genre names map to TFDS genre ids', () => {
  assert.deepEqual(ML100K_GENRES.map(tfdsGenreId), [17, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 18, 19]);
  assert.equal(tfdsGenreId('IMAX'), 11);
  assert.equal(tfdsGenreId('(no genres listed)'), 20);
  assert.equal(tfdsGenreId('Cartoon'), -1);
  assert.equal(TFDS_GENRES.length, 21);
});
