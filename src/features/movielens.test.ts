import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MovieLensDataset } from '../data/schema.ts';
import { isRagged, type Ragged } from './columns.ts';
import { availableFeatures, MovieLensEncoder } from './movielens.ts';

/** Three users, three movies (one title twice), six ratings, with enrichment. */
function tinyDataset(): MovieLensDataset {
  return {
    name: 'tiny',
    users: {
      length: 3,
      id: Int32Array.of(10, 20, 30),
      age: Int16Array.of(17, 30, 61),
      gender: Uint8Array.of(0, 1, 0),
      occupationLabel: Uint8Array.of(17, 12, 13),
      zipCode: ['02139', '94110', '02139'],
    },
    movies: {
      length: 3,
      id: Int32Array.of(1, 2, 3),
      title: ['Toy Story (1995)', 'Heat (1995)', 'Heat (1995)'],
      genres: Uint32Array.of(0b101, 0b1, 0),
    },
    ratings: {
      length: 6,
      user: Int32Array.of(0, 0, 1, 1, 2, 2),
      movie: Int32Array.of(0, 1, 0, 2, 1, 2),
      rating: Float32Array.of(5, 3, 4, 2, 1, 4),
      timestamp: Float64Array.of(1000, 2000, 3000, 4000, 5000, 6000),
    },
    enrichment: {
      matched: Uint8Array.of(1, 1, 0),
      director: ['John Lasseter', 'Michael Mann', ''],
      star: ['Tom Hanks', 'Al Pacino', ''],
      cast: [[], [], []],
      castSize: Int32Array.of(0, 0, 0),
      crewSize: Int32Array.of(0, 0, 0),
      writers: [[], [], []],
      releaseDate: Float64Array.of(Date.UTC(1995, 10, 22), Date.UTC(1995, 11, 15), NaN),
      mpaa: ['', '', ''],
      plot: ['', '', ''],
      posterUrl: ['', '', ''],
    },
  };
}

const train = Int32Array.of(0, 1, 2, 3); // users 0 and 1 only
const ints = (c: unknown): number[] => [...(c as Int32Array)];

test('MovieLensEncoder encodes ids by sorted vocabularies, OOV 0, users fit on training rows', () => {
  const ds = tinyDataset();
  const enc = new MovieLensEncoder({ features: ['user_id', 'movie_id', 'movie_title', 'user_zip_code', 'user_gender'] }).adapt(ds, train);
  const all = enc.encode(ds);
  assert.equal(all.length, 6);
  assert.deepEqual(Object.keys(all.features), ['user_id', 'movie_id', 'movie_title', 'user_zip_code', 'user_gender']);
  assert.deepEqual(ints(all.features.user_id), [1, 1, 2, 2, 0, 0]); // user 30 only in test: OOV
  assert.deepEqual(ints(all.features.movie_id), [1, 2, 1, 3, 2, 3]); // movies fit on the whole table
  assert.deepEqual(ints(all.features.movie_title), [2, 1, 2, 1, 1, 1]); // "Heat" < "Toy Story"; duplicates share an id
  assert.deepEqual(ints(all.features.user_zip_code), [1, 1, 2, 2, 1, 1]);
  assert.deepEqual(ints(all.features.user_gender), [1, 1, 2, 2, 1, 1]);
  assert.equal(enc.vocabularySize('user_id'), 3);
  assert.equal(enc.vocabularySize('movie_title'), 3);
  const some = enc.encode(ds, Int32Array.of(4, 0));
  assert.deepEqual(ints(some.features.user_id), [0, 1]);
  assert.deepEqual(ints(some.features.movie_id), [2, 1]);
});

test('MovieLensEncoder timestamp features follow the tutorial: raw, 1,000 linspace buckets, normalized', () => {
  const ds = tinyDataset();
  const enc = new MovieLensEncoder({ features: ['timestamp', 'timestamp_bucket', 'timestamp_normalized', 'user_rating'] }).adapt(ds, train);
  const cols = enc.encode(ds);
  assert.ok(cols.features.timestamp instanceof Float32Array);
  assert.deepEqual([...(cols.features.timestamp as Float32Array)], [1000, 2000, 3000, 4000, 5000, 6000]);
  assert.equal(enc.vocabularySize('timestamp_bucket'), 1001);
  // boundaries linspace(1000, 4000, 1000): step 3000/999; 2000 → bucket 334, anything >= 4000 → 1000.
  assert.deepEqual(ints(cols.features.timestamp_bucket), [1, 334, 667, 1000, 1000, 1000]);
  const norm = [...(cols.features.timestamp_normalized as Float32Array)];
  const sd = Math.sqrt(1.25e6);
  norm.forEach((v, i) => assert.ok(Math.abs(v - ((i + 1) * 1000 - 2500) / sd) < 1e-5, `row ${i}: ${v}`));
  assert.deepEqual([...(cols.features.user_rating as Float32Array)], [5, 3, 4, 2, 1, 4]);
  assert.throws(() => enc.vocabularySize('timestamp'), /real-valued/);
});

test('MovieLensEncoder demographic, genre, title-token and enrichment features', () => {
  const ds = tinyDataset();
  const features = ['bucketized_user_age', 'user_occupation_label', 'movie_genres', 'movie_title_tokens', 'director', 'star', 'release_year', 'release_date_bucket'] as const;
  const enc = new MovieLensEncoder({ features: [...features], fitUsers: 'all' }).adapt(ds, train);
  const cols = enc.encode(ds);
  assert.deepEqual(ints(cols.features.bucketized_user_age), [1, 1, 2, 2, 3, 3]); // ages 1, 25, 56
  assert.deepEqual(ints(cols.features.user_occupation_label), [3, 3, 1, 1, 2, 2]); // labels 12 < 13 < 17
  const genres = cols.features.movie_genres as Ragged;
  assert.equal(genres.width, 2);
  assert.deepEqual([...genres.values.subarray(0, 6)], [1, 3, 1, 0, 1, 3]);
  assert.equal(enc.vocabularySize('movie_genres'), 22);
  const tokens = cols.features.movie_title_tokens;
  assert.ok(isRagged(tokens) && tokens.width === 3);
  // vocabulary: '', [UNK], 1995 (twice), then toy > story > heat (ties descending)
  assert.deepEqual(enc.encodeMovies(ds).features.movie_title_tokens, { width: 3, values: Int32Array.of(3, 4, 2, 5, 2, 0, 5, 2, 0) });
  assert.deepEqual(ints(cols.features.director), [1, 2, 1, 0, 2, 0]); // '' (unmatched) → OOV
  assert.deepEqual(ints(cols.features.star), [2, 1, 2, 0, 1, 0]);
  assert.deepEqual(ints(cols.features.release_year), [1, 1, 1, 0, 1, 0]);
  assert.deepEqual(ints(cols.features.release_date_bucket), [1, 1000, 1, 0, 1000, 0]); // unknown date → 0
});

test('encodeUsers / encodeMovies give one row per table row with only that table\'s features', () => {
  const ds = tinyDataset();
  const enc = new MovieLensEncoder({ features: ['user_id', 'movie_id', 'movie_genres', 'timestamp', 'user_zip_code'] }).adapt(ds, train);
  const users = enc.encodeUsers(ds);
  assert.equal(users.length, 3);
  assert.deepEqual(Object.keys(users.features), ['user_id', 'user_zip_code']);
  const movies = enc.encodeMovies(ds);
  assert.equal(movies.length, 3);
  assert.deepEqual(Object.keys(movies.features), ['movie_id', 'movie_genres']);
  assert.deepEqual(ints(movies.features.movie_id), [1, 2, 3]);
});

test('MovieLensEncoder round-trips through JSON and explains misuse', () => {
  const ds = tinyDataset();
  const enc = new MovieLensEncoder({ features: ['user_id', 'movie_title_tokens', 'timestamp_bucket', 'timestamp_normalized', 'movie_genres', 'director'] }).adapt(ds, train);
  const again = MovieLensEncoder.fromJSON(JSON.parse(JSON.stringify(enc.toJSON())));
  assert.deepEqual(again.encode(ds), enc.encode(ds));
  assert.throws(() => new MovieLensEncoder({ features: ['user_id', 'user_id'] }), /listed twice/);
  assert.throws(() => new MovieLensEncoder({ features: ['user_id'] }).encode(ds), /call adapt/);
  const bare = { ...ds, name: 'bare', enrichment: undefined, users: { length: 3, id: ds.users.id } };
  assert.throws(() => new MovieLensEncoder({ features: ['user_zip_code'] }).adapt(bare, train), /"user_zip_code" needs users.zipCode, which dataset "bare"/);
  assert.deepEqual(availableFeatures(bare).includes('director'), false);
  assert.throws(() => MovieLensEncoder.fromJSON({ ...enc.toJSON(), version: 2 as 1 }), /unsupported version 2/);
});

test('title tokens keep the width fixed at fit time for any rows encoded later', () => {
  const ds = tinyDataset();
  const enc = new MovieLensEncoder({ features: ['movie_title_tokens'], fitMovies: 'train' }).adapt(ds, Int32Array.of(1, 4)); // only "Heat (1995)"
  const cols = enc.encode(ds, Int32Array.of(0, 1));
  assert.deepEqual(cols.features.movie_title_tokens, { width: 2, values: Int32Array.of(1, 1, 2, 3) }); // "toy story 1995" cut to 2 ids; heat > 1995
  const reloaded = MovieLensEncoder.fromJSON(JSON.parse(JSON.stringify(enc.toJSON())));
  assert.deepEqual(reloaded.encode(ds, Int32Array.of(0, 1)), cols);
});
