import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MovieLensDataset } from '../data/schema.ts';
import { activeUsers, historyOf, movieCounts, userItemsFromRatings } from './user-items.ts';

const ds: MovieLensDataset = {
  name: 'tiny',
  users: { length: 3, id: Int32Array.of(1, 2, 3) },
  movies: { length: 3, id: Int32Array.of(10, 20, 30), title: ['a', 'b', 'c'], genres: new Uint32Array(3) },
  ratings: {
    length: 5,
    user: Int32Array.of(1, 0, 0, 0, 1),
    movie: Int32Array.of(2, 2, 0, 2, 0),
    rating: Float32Array.of(5, 1, 3, 4, 2),
    timestamp: Float64Array.of(1, 10, 20, 30, 2),
  },
};

test('userItemsFromRatings: CSR by user, movies ascending, the later of a repeated pair kept', () => {
  const ui = userItemsFromRatings(ds);
  assert.deepEqual(Array.from(ui.offsets), [0, 2, 4, 4]);
  assert.deepEqual(Array.from(ui.movies), [0, 2, 0, 2]);
  assert.deepEqual(Array.from(ui.ratings), [3, 4, 2, 5]);
  assert.deepEqual(Array.from(historyOf(ui, 1).timestamps), [2, 1]);
  assert.deepEqual(Array.from(movieCounts(ui)), [2, 0, 2]);
  assert.deepEqual(Array.from(activeUsers(ui)), [0, 1]);
});

test('userItemsFromRatings over chosen rows only', () => {
  const ui = userItemsFromRatings(ds, Int32Array.of(0, 2));
  assert.deepEqual(Array.from(ui.offsets), [0, 1, 2, 2]);
  assert.deepEqual(Array.from(ui.movies), [0, 2]);
});
