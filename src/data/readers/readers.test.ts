import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedDataPath, skipWithoutSharedData } from '../../testing/shared-data.ts';
import { TFDS_OCCUPATIONS, toExample, type MovieLensDataset } from '../schema.ts';
import { readMovieLens, readMovieLensMovies, readMovieLensUsers } from './index.ts';
import { removeTempRelease, tiny1m, tiny100k, tinyCsv, writeTempRelease } from './temp-release.ts';

/** The rating row of (userId, movieId), or -1. */
function findRating(ds: MovieLensDataset, userId: number, movieId: number): number {
  for (let i = 0; i < ds.ratings.length; i++) if (ds.users.id[ds.ratings.user[i]] === userId && ds.movies.id[ds.ratings.movie[i]] === movieId) return i;
  return -1;
}

test('ML-100K: counts, known rows and the TFDS example of the seeds', { skip: skipWithoutSharedData('ml-100k') }, async () => {
  const progress: number[][] = [];
  const ds = await readMovieLens(sharedDataPath('ml-100k')!, { onProgress: (b, t) => progress.push([b, t]) });
  assert.equal(ds.name, 'ml-100k');
  assert.deepEqual([ds.ratings.length, ds.users.length, ds.movies.length], [100_000, 943, 1682]);
  const first = toExample(ds, 0);
  assert.deepEqual([first.user_id, first.movie_id, first.user_rating, first.timestamp], ['196', '242', 3, 881250949]);
  const toy = ds.movies.id.indexOf(1);
  assert.equal(ds.movies.title[toy], 'Toy Story (1995)');
  assert.deepEqual(toExample(ds, ds.ratings.movie.indexOf(toy)).movie_genres, [2, 3, 4]);
  assert.equal(ds.movies.releaseDate![toy], Date.UTC(1995, 0, 1));
  const u1 = ds.users.id.indexOf(1);
  assert.deepEqual([ds.users.age![u1], ds.users.gender![u1], ds.users.occupationText![u1], ds.users.zipCode![u1]], [24, 0, 'technician', '85711']);
  assert.equal(TFDS_OCCUPATIONS[ds.users.occupationLabel![u1]], 'technician/engineer');
  const row = findRating(ds, 138, 357);
  assert.deepEqual(toExample(ds, row), {
    user_id: '138', movie_id: '357', movie_title: "One Flew Over the Cuckoo's Nest (1975)", movie_genres: [7], user_rating: 4,
    timestamp: 879024327, raw_user_age: 46, bucketized_user_age: 45, user_gender: true, user_occupation_label: 4,
    user_occupation_text: 'doctor', user_zip_code: '53211',
  });
  const [bytes, total] = progress[progress.length - 1];
  assert.ok(bytes === total && total > 2_000_000, `progress ends at the total size (${bytes}/${total})`);
});

test('ML-1M without ratings.dat: movies and users read, readMovieLens names the missing file', { skip: skipWithoutSharedData('ml-1m/users.dat') }, async () => {
  const dir = sharedDataPath('ml-1m')!;
  const movies = await readMovieLensMovies(dir);
  const users = await readMovieLensUsers(dir);
  assert.equal(movies.length, 3883);
  assert.equal(users.length, 6040);
  assert.equal(movies.title[0], 'Toy Story (1995)');
  assert.equal(users.occupationText![0], 'K-12 student');
  assert.equal(TFDS_OCCUPATIONS[users.occupationLabel![0]], 'student');
  assert.equal(users.ageIsGroup, true);
  await assert.rejects(readMovieLens(dir), /lacks ratings\.dat.*readMovieLensMovies/);
});

test('ML-1M format with ratings: age groups, occupation codes, no raw age, a UTF-8 BOM ignored', async () => {
  const dir = writeTempRelease(tiny1m({ 'movies.dat': `\uFEFF${tiny1m()['movies.dat']}` }));
  try {
    const ds = await readMovieLens(dir);
    assert.equal(ds.name, 'ml-1m');
    const ex = toExample(ds, 1);
    assert.equal(ex.raw_user_age, undefined);
    assert.deepEqual([ex.bucketized_user_age, ex.user_occupation_text, ex.user_occupation_label, ex.user_gender, ex.movie_genres], [56, 'self-employed', 16, true, [1, 3, 8]]);
    assert.equal(toExample(ds, 0).user_occupation_label, TFDS_OCCUPATIONS.indexOf('student'));
  } finally {
    removeTempRelease(dir);
  }
});

test('CSV releases: quoted titles, half stars, users from ratings in id order, tags, links', async () => {
  const dir = writeTempRelease(tinyCsv());
  try {
    const ds = await readMovieLens(dir, { name: 'ml-latest-small' });
    assert.equal(ds.name, 'ml-latest-small');
    assert.deepEqual(Array.from(ds.users.id), [3, 7]);
    assert.equal(ds.users.age, undefined);
    assert.deepEqual(Array.from(ds.ratings.rating), [4, 3.5, 0.5]);
    assert.equal(ds.users.id[ds.ratings.user[0]], 7);
    assert.equal(ds.movies.title[1], 'American President, The (1995)');
    assert.deepEqual(toExample(ds, 2).movie_genres, [20]);
    assert.deepEqual(Array.from(ds.movies.imdbId!), [114709, 112346, 1]);
    assert.deepEqual(Array.from(ds.movies.tmdbId!), [862, 9087, 0]);
    assert.equal(ds.tags!.length, 3);
    assert.deepEqual(ds.tags!.vocabulary, ['funny, sweet', 'pixar']);
    assert.deepEqual(Array.from(ds.tags!.tag), [0, 1, 1]);
    await assert.rejects(readMovieLensUsers(dir), /no users file/);
  } finally {
    removeTempRelease(dir);
  }
});

test('ML-100K format: u.genre order, latin-1 titles, a lone ml-* subfolder is entered', async () => {
  const latin1 = Buffer.from(tiny100k()['u.item'] as string, 'latin1');
  const dir = writeTempRelease(tiny100k({ 'u.item': latin1 }));
  try {
    const ds = await readMovieLens(dir);
    assert.equal(ds.movies.title[1], 'Cité, La (1996)');
    assert.deepEqual(toExample(ds, 2).movie_genres, [17]);
    assert.deepEqual(toExample(ds, 0).movie_genres, [2, 3, 4]);
  } finally {
    removeTempRelease(dir);
  }
});

test('streams files larger than one read chunk (lines straddle chunk boundaries)', async () => {
  const n = 150_000;
  const lines = ['userId,movieId,rating,timestamp'];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const r = 0.5 + (i % 10) / 2;
    sum += r;
    lines.push(`${1 + (i % 997)},${1 + Math.floor(i / 997)},${r},${1000000000 + i}`); // each (user, movie) once
  }
  const movies = Array.from({ length: Math.ceil(n / 997) }, (_, m) => `${m + 1},Movie ${m + 1} (1999),Drama`);
  const dir = writeTempRelease(tinyCsv({ 'ratings.csv': lines.join('\r\n'), 'movies.csv': ['movieId,title,genres', ...movies].join('\n') }));
  try {
    const ds = await readMovieLens(dir);
    assert.equal(ds.ratings.length, n);
    assert.equal(ds.users.length, 997);
    assert.equal(ds.ratings.rating.reduce((a, b) => a + b, 0), sum);
    assert.equal(ds.ratings.timestamp[n - 1], 1000000000 + n - 1);
  } finally {
    removeTempRelease(dir);
  }
});
