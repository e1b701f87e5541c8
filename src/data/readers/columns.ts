/** Growable columns that readers fill row by row without an object per row. */
import type { Ratings } from '../schema.ts';

/** Ratings columns that grow as rows are pushed (x1.5 when full). */
export class RatingsBuilder {
  length = 0;
  private user: Int32Array;
  private movie: Int32Array;
  private rating: Float32Array;
  private timestamp: Float64Array;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, Math.ceil(initialCapacity));
    this.user = new Int32Array(n);
    this.movie = new Int32Array(n);
    this.rating = new Float32Array(n);
    this.timestamp = new Float64Array(n);
  }

  /** A capacity guess for a ratings file of `bytes` bytes, from the shortest realistic line length. */
  static capacityForFileSize(bytes: number, typicalLineBytes: number): number {
    return Math.ceil((bytes / typicalLineBytes) * 1.05) + 16;
  }

  /** Appends one rating. */
  push(userRow: number, movieRow: number, rating: number, timestamp: number): void {
    if (this.length === this.user.length) this.grow();
    const i = this.length++;
    this.user[i] = userRow;
    this.movie[i] = movieRow;
    this.rating[i] = rating;
    this.timestamp[i] = timestamp;
  }

  private grow(): void {
    const n = Math.ceil(this.user.length * 1.5);
    this.user = resize(this.user, n);
    this.movie = resize(this.movie, n);
    this.rating = resize(this.rating, n);
    this.timestamp = resize(this.timestamp, n);
  }

  /** The finished columns, trimmed to `length` (copied only when much capacity would be wasted). */
  finish(): Ratings {
    const n = this.length;
    const trim = <T extends Int32Array | Float32Array | Float64Array>(a: T): T =>
      (a.length - n > a.length / 8 ? a.slice(0, n) : a.subarray(0, n)) as T;
    return { length: n, user: trim(this.user), movie: trim(this.movie), rating: trim(this.rating), timestamp: trim(this.timestamp) };
  }
}

function resize<T extends Int32Array | Float32Array | Float64Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** Largest id an `IdIndex` accepts (MovieLens ids are well below). */
const MAX_INDEXED_ID = 1 << 27;

/** Maps positive integer ids to dense row numbers with a flat lookup table (-1 = unknown). */
export class IdIndex {
  private rows = new Int32Array(1024).fill(-1);
  /** The ids in row order. */
  ids: number[] = [];

  /** Builds an index over `ids` (row i has id ids[i]). */
  static of(ids: ArrayLike<number>): IdIndex {
    const index = new IdIndex();
    for (let i = 0; i < ids.length; i++) index.add(ids[i]);
    return index;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The row of `id`, or -1. */
  row(id: number): number {
    return id < this.rows.length ? this.rows[id] : -1;
  }

  /** Adds `id` as the next row and returns its row, or -1 when it was already present. */
  add(id: number): number {
    if (id >= MAX_INDEXED_ID) throw new RangeError(`id ${id} is too large to index`);
    if (id >= this.rows.length) {
      let n = this.rows.length;
      while (n <= id) n *= 2;
      const grown = new Int32Array(n).fill(-1);
      grown.set(this.rows);
      this.rows = grown;
    }
    if (this.rows[id] >= 0) return -1;
    this.rows[id] = this.ids.length;
    this.ids.push(id);
    return this.rows[id];
  }

  /** The row of `id`, adding it when new. */
  rowOrAdd(id: number): number {
    const r = this.row(id);
    return r >= 0 ? r : this.add(id);
  }
}
