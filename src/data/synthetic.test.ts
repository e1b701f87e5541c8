import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readMovieLens } from './readers/index.ts';
import type { MovieLensDataset } from './schema.ts';
import { RELEASE_SHAPES } from './synthetic-shape.ts';
import { planSizes, SYNTHETIC_FORMATS, writeSyntheticMovieLens, type SyntheticFormat } from './synthetic.ts';

const SIZES: Record<SyntheticFormat, number> = { '100k': 100_000, '1m': 60_000, latest: 40_000, '20m': 30_000, '25m': 30_000 };

/** Share of each rating value in the real release. */
function realShares(format: SyntheticFormat): Map<number, number> {
  const { ratingValues, ratingCounts } = RELEASE_SHAPES[format];
  const total = ratingCounts.reduce((a, b) => a + b, 0);
  return new Map(ratingValues.map((v, i) => [v, ratingCounts[i] / total]));
}

function checkShape(ds: MovieLensDataset, format: SyntheticFormat, ratings: number): void {
  const { user, movie, rating, timestamp } = ds.ratings;
  assert.equal(ds.ratings.length, ratings);
  const pairs = new Set<number>();
  const perUser = new Int32Array(ds.users.length);
  const counts = new Map<number, number>();
  for (let i = 0; i < ratings; i++) {
    pairs.add(user[i] * ds.movies.length + movie[i]);
    perUser[user[i]]++;
    counts.set(rating[i], (counts.get(rating[i]) ?? 0) + 1);
  }
  assert.equal(pairs.size, ratings, 'every (user, movie) pair is unique');
  assert.ok(Math.min(...perUser) >= 20, 'every user has at least 20 ratings');
  for (const [value, share] of realShares(format)) {
    const got = (counts.get(value) ?? 0) / ratings;
    assert.ok(Math.abs(got - share) < 0.02, `${format}: ${value} stars is ${(got * 100).toFixed(1)}%, real ${(share * 100).toFixed(1)}%`);
  }
  assert.equal([...counts.keys()].every((v) => realShares(format).has(v)), true, 'only the release\'s rating values');
  const [start, end] = RELEASE_SHAPES[format].period;
  assert.ok(timestamp.every((t) => t >= start && t <= end), 'timestamps lie in the release period');
}

describe('writeSyntheticMovieLens', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'maxella-synthetic-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const format of SYNTHETIC_FORMATS) {
    it(`writes ${format} files that round-trip through readMovieLens with the real shape`, async () => {
      const dir = join(scratch, format);
      const summary = await writeSyntheticMovieLens(dir, { format, ratings: SIZES[format], seed: 7 });
      const ds = await readMovieLens(dir);
      assert.equal(ds.users.length, summary.users);
      assert.equal(ds.movies.length, summary.movies);
      checkShape(ds, format, SIZES[format]);
      if (format === '100k' || format === '1m') {
        const male = ds.users.gender?.filter((g) => g === 0).length ?? 0;
        assert.ok(Math.abs(male / ds.users.length - 0.72) < 0.05, `male share ${male / ds.users.length}`);
      }
    });
  }

  it('uses the real counts as presets and writes the 100K release exactly', async () => {
    assert.deepEqual(planSizes({ format: '25m' }), { ratings: 25_000_095, users: 162_541, movies: 62_423 });
    assert.deepEqual(planSizes({ format: '1m' }), { ratings: 1_000_209, users: 6040, movies: 3883 });
    const info = readFileSync(join(scratch, '100k', 'u.info'), 'latin1');
    assert.equal(info, '943 users\n1682 items\n100000 ratings\n');
    assert.match(readFileSync(join(scratch, '100k', 'u.item'), 'latin1'), /^1\|[^|]+ \(\d{4}\)\|\d\d-\w{3}-\d{4}\|\|http:\/\/us\.imdb\.com\/[^|]+(\|[01]){19}\n/);
  });

  it('quotes CSV titles with commas and writes latin-1 accents in the old formats', () => {
    const csv = readFileSync(join(scratch, 'latest', 'movies.csv'), 'utf8');
    assert.match(csv, /\n\d+,"[^"\n]+, The \(\d{4}\)",/);
    const dat = readFileSync(join(scratch, '1m', 'movies.dat'));
    assert.ok(dat.includes(Buffer.from('é', 'latin1')) && !dat.includes(Buffer.from('é', 'utf8')), 'movies.dat is latin-1');
  });

  it('is deterministic per seed', async () => {
    const a = join(scratch, 'a');
    const b = join(scratch, 'b');
    await writeSyntheticMovieLens(a, { format: 'latest', ratings: 3000, seed: 3 });
    await writeSyntheticMovieLens(b, { format: 'latest', ratings: 3000, seed: 3 });
    await writeSyntheticMovieLens(join(scratch, 'c'), { format: 'latest', ratings: 3000, seed: 4 });
    for (const f of ['ratings.csv', 'movies.csv', 'tags.csv', 'links.csv']) assert.deepEqual(readFileSync(join(a, f)), readFileSync(join(b, f)), f);
    assert.notDeepEqual(readFileSync(join(a, 'ratings.csv')), readFileSync(join(scratch, 'c', 'ratings.csv')));
  });
});
