/**
 * The statistics behind every EDA chart, checked against straightforward recounts from the raw ML-100K
 * files (u.data, u.user, u.item read with split() here, not through the data readers), and on a tiny
 * hand-built dataset for what ML-100K lacks (half stars, missing columns, enrichment).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, before } from 'node:test';
import { readMovieLens } from '../data/readers/index.ts';
import type { MovieLensDataset } from '../data/schema.ts';
import { emptyEnrichment } from '../data/enrich.ts';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import * as stats from './stats.ts';

const skip = skipWithoutSharedData('ml-100k');

/** The raw ML-100K files, parsed the simple way. */
interface Raw {
  ratings: { user: number; movie: number; rating: number; time: number }[];
  users: Map<number, { age: number; gender: string; occupation: string; zip: string }>;
  titles: Map<number, string>;
  genreFlags: Map<number, number[]>;
}

function readRaw(dir: string): Raw {
  const lines = (f: string) => readFileSync(join(dir, f), 'latin1').split('\n').filter((l) => l.trim() !== '');
  const ratings = lines('u.data').map((l) => {
    const [user, movie, rating, time] = l.split('\t').map(Number);
    return { user, movie, rating, time };
  });
  const users = new Map(lines('u.user').map((l) => {
    const [id, age, gender, occupation, zip] = l.split('|');
    return [Number(id), { age: Number(age), gender, occupation, zip }] as const;
  }));
  const items = lines('u.item').map((l) => l.split('|'));
  return {
    ratings,
    users,
    titles: new Map(items.map((f) => [Number(f[0]), f[1]])),
    genreFlags: new Map(items.map((f) => [Number(f[0]), f.slice(5).map(Number)])),
  };
}

/** counts[key] of the raw ratings. */
function countBy<K>(raw: Raw, key: (r: Raw['ratings'][number]) => K): Map<K, number> {
  const out = new Map<K, number>();
  for (const r of raw.ratings) out.set(key(r), (out.get(key(r)) ?? 0) + 1);
  return out;
}

/** Independent age bucketing with the ML-1M group boundaries. */
const ageLabel = (age: number): string => (age < 18 ? 'Under 18' : age < 25 ? '18-24' : age < 35 ? '25-34' : age < 45 ? '35-44' : age < 50 ? '45-49' : age < 56 ? '50-55' : '56+');

describe('EDA statistics on real ML-100K', { skip }, () => {
  let ds: MovieLensDataset;
  let raw: Raw;
  before(async () => {
    const dir = sharedDataPath('ml-100k')!;
    ds = await readMovieLens(dir);
    raw = readRaw(dir);
  });
  const user = (r: Raw['ratings'][number]) => raw.users.get(r.user)!;

  it('counts ratings per month and weekday like Date in UTC', () => {
    const months = countBy(raw, (r) => new Date(r.time * 1000).getUTCMonth());
    assert.deepEqual(stats.ratingsByMonth(ds.ratings).map((p) => p.ratings), stats.MONTHS.map((_, m) => months.get(m) ?? 0));
    const days = countBy(raw, (r) => (new Date(r.time * 1000).getUTCDay() + 6) % 7);
    const weekdays = stats.ratingsByWeekday(ds.ratings);
    assert.deepEqual(weekdays.map((p) => p.ratings), stats.WEEKDAYS.map((_, d) => days.get(d) ?? 0));
    assert.equal(weekdays.reduce((n, p) => n + p.ratings, 0), 100_000);
  });

  it('splits ratings by gender (74,260 M / 25,740 F), age group and occupation', () => {
    const gender = stats.ratingsByGroup(ds, stats.byGender(ds.users)!);
    assert.deepEqual(gender.map((g) => [g.group, g.ratings]), [['Male', 74_260], ['Female', 25_740]]);
    assert.equal(gender[0].users + gender[1].users, 943);
    const ages = countBy(raw, (r) => ageLabel(user(r).age));
    for (const g of stats.ratingsByGroup(ds, stats.byAgeGroup(ds.users)!)) assert.equal(g.ratings, ages.get(g.group) ?? 0, g.group);
    const occupations = countBy(raw, (r) => user(r).occupation);
    const byOccupation = stats.ratingsByGroup(ds, stats.byOccupation(ds.users)!);
    assert.equal(byOccupation.length, occupations.size);
    for (const g of byOccupation) assert.equal(g.ratings, occupations.get(g.group), g.group);
  });

  it('cross-tabulates occupation x age group (Table 4), most ratings first', () => {
    const pairs = countBy(raw, (r) => `${user(r).occupation}|${ageLabel(user(r).age)}`);
    const table = stats.ratingsByGroupPair(ds, stats.byOccupation(ds.users)!, stats.byAgeGroup(ds.users)!);
    assert.equal(table.length, pairs.size);
    for (const p of table) assert.equal(p.ratings, pairs.get(`${p.first}|${p.second}`));
    const best = Math.max(...pairs.values());
    assert.equal(table[0].ratings, best);
    assert.deepEqual([table[0].first, table[0].second], ['student', '18-24']);
  });

  it('gives the rating distribution per gender', () => {
    const counts = countBy(raw, (r) => `${r.rating}|${user(r).gender === 'M' ? 'Male' : 'Female'}`);
    const dist = stats.ratingDistributionByGender(ds)!;
    assert.equal(dist.length, 10);
    for (const d of dist) assert.equal(d.ratings, counts.get(`${d.rating}|${d.gender}`));
    const femaleShare = dist.filter((d) => d.gender === 'Female').reduce((s, d) => s + d.share, 0);
    assert.ok(Math.abs(femaleShare - 1) < 1e-3);
  });

  it('ranks the most-rated movies (Star Wars (1977): 583), overall and per gender', () => {
    const perMovie = countBy(raw, (r) => r.movie);
    const expected = [...perMovie].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10);
    const top = stats.mostRatedMovies(ds, stats.allUsers(ds.users), 10);
    assert.deepEqual(top.map((m) => [m.title, m.ratings]), expected.map(([id, n]) => [raw.titles.get(id), n]));
    assert.deepEqual([top[0].title, top[0].ratings], ['Star Wars (1977)', 583]);
    const female = countBy(raw, (r) => (user(r).gender === 'F' ? r.movie : -1));
    female.delete(-1);
    const femaleTop = stats.mostRatedMovies(ds, stats.byGender(ds.users)!, 3).filter((m) => m.group === 'Female');
    assert.equal(femaleTop[0].ratings, Math.max(...female.values()));
  });

  it('ranks the most-loved and worst-rated movies by mean rating with a minimum count', () => {
    const sums = new Map<number, { n: number; sum: number }>();
    for (const r of raw.ratings) {
      const s = sums.get(r.movie) ?? { n: 0, sum: 0 };
      s.n++;
      s.sum += r.rating;
      sums.set(r.movie, s);
    }
    const means = (min: number) => [...sums].filter(([, s]) => s.n >= min).map(([id, s]) => ({ title: raw.titles.get(id)!, mean: s.sum / s.n }));
    const loved = means(50).sort((a, b) => b.mean - a.mean);
    const top = stats.mostLovedMovies(ds, stats.allUsers(ds.users), 5, { overall: 50, inGroup: 50 });
    assert.equal(top[0].title, loved[0].title);
    top.forEach((m, i) => assert.ok(Math.abs(m.meanRating - loved[i].mean) < 1e-3, m.title));
    const worst = means(25).sort((a, b) => a.mean - b.mean);
    const bottom = stats.worstRatedMovies(ds, 5, 25);
    bottom.forEach((m, i) => assert.ok(Math.abs(m.meanRating - worst[i].mean) < 1e-3, m.title));
    assert.ok(bottom.every((m) => m.ratings >= 25));
  });

  it('counts ratings per release decade and per genre', () => {
    const decade = (title: string) => {
      const m = /\((\d{3})\d\)$/.exec(title.trim());
      return m ? `${m[1]}0s` : 'unknown';
    };
    const decades = countBy(raw, (r) => decade(raw.titles.get(r.movie)!));
    for (const d of stats.ratingsByReleaseDecade(ds)) assert.equal(d.ratings, decades.get(d.category), d.category);
    // u.genre order: unknown, Action, Adventure, Animation, Children's, Comedy, Crime, ...
    const drama = countBy(raw, (r) => raw.genreFlags.get(r.movie)![8]).get(1);
    const genres = stats.popularGenres(ds);
    assert.equal(genres[0].category, 'Drama');
    assert.equal(genres[0].ratings, drama);
  });

  it('averages ratings per zip code and places US zip codes', () => {
    const zipSums = new Map<string, { n: number; sum: number }>();
    for (const r of raw.ratings) {
      const s = zipSums.get(user(r).zip) ?? { n: 0, sum: 0 };
      s.n++;
      s.sum += r.rating;
      zipSums.set(user(r).zip, s);
    }
    const placed = stats.meanRatingByZip(ds)!;
    assert.ok(placed.zips.length > 700);
    for (const z of placed.zips.slice(0, 50)) {
      const s = zipSums.get(z.zip)!;
      assert.equal(z.ratings, s.n);
      assert.ok(Math.abs(z.meanRating - s.sum / s.n) < 1e-3);
    }
    const berkeley = placed.zips.find((z) => z.zip === '94720');
    if (berkeley) assert.equal(berkeley.city, 'Berkeley');
    assert.equal(placed.zips.reduce((n, z) => n + z.ratings, 0) + placed.ratingsWithoutCentroid, 100_000);
    const occupants = stats.occupantsPerZip(ds)!;
    assert.equal(occupants.reduce((n, o) => n + o.users, 0), 943);
  });
});

/** Three users, three movies, half-star ratings, no demographics. */
function tinyDataset(): MovieLensDataset {
  const enrichment = emptyEnrichment(3);
  enrichment.matched.set([1, 1, 0]);
  enrichment.director = ['Ann Lee', 'Ann Lee', ''];
  enrichment.cast = [['X', 'Y'], ['Y'], []];
  enrichment.castSize.set([30, 5, 99]);
  enrichment.crewSize.set([10, 20, 99]);
  return {
    name: 'tiny',
    ratings: {
      length: 5,
      user: Int32Array.from([0, 1, 2, 0, 1]),
      movie: Int32Array.from([0, 0, 1, 1, 2]),
      rating: Float32Array.from([4.5, 3.5, 1, 2, 5]),
      timestamp: Float64Array.from([0, 86_400, 4 * 86_400, 31 * 86_400, 59 * 86_400]),
    },
    users: { length: 3, id: Int32Array.from([1, 2, 3]) },
    movies: { length: 3, id: Int32Array.from([10, 20, 30]), title: ['A (1994)', 'B (1981)', 'C'], genres: Uint32Array.from([1, 3, 0]) },
    enrichment,
  };
}

describe('EDA statistics on a hand-built dataset', () => {
  const ds = tinyDataset();

  it('says undefined where the release has no demographics or zip codes', () => {
    assert.equal(stats.byGender(ds.users), undefined);
    assert.equal(stats.ratingDistributionByGender(ds), undefined);
    assert.equal(stats.meanRatingByZip(ds), undefined);
    assert.equal(stats.occupantsPerZip(ds), undefined);
  });

  it('counts months and weekdays from the epoch (1970-01-01 was a Thursday)', () => {
    assert.deepEqual(stats.ratingsByMonth(ds.ratings).slice(0, 3).map((p) => p.ratings), [3, 1, 1]);
    assert.deepEqual(stats.ratingsByWeekday(ds.ratings).map((p) => p.ratings), [1, 0, 0, 1, 1, 0, 2]);
  });

  it('ranks movies with half-star means and minimums', () => {
    const all = stats.allUsers(ds.users);
    assert.deepEqual(stats.mostRatedMovies(ds, all, 2).map((m) => [m.title, m.ratings, m.meanRating]), [['A (1994)', 2, 4], ['B (1981)', 2, 1.5]]);
    assert.deepEqual(stats.mostLovedMovies(ds, all, 3, { overall: 2, inGroup: 1 }).map((m) => m.title), ['A (1994)', 'B (1981)']);
    assert.deepEqual(stats.worstRatedMovies(ds, 1, 1).map((m) => m.title), ['B (1981)']);
    assert.deepEqual(stats.ratingsByReleaseDecade(ds).map((d) => [d.category, d.ratings]), [['1980s', 2], ['1990s', 2], ['unknown', 1]]);
    assert.deepEqual(stats.popularGenres(ds).map((g) => [g.category, g.movies, g.ratings]), [['Action', 2, 4], ['Adventure', 1, 2]]);
  });

  it('counts directors, actors, cast and crew over matched movies only', () => {
    assert.deepEqual(stats.busiestDirectors(ds), [{ name: 'Ann Lee', movies: 2, ratings: 4 }]);
    assert.deepEqual(stats.busiestActors(ds)!.map((p) => [p.name, p.movies]), [['Y', 2], ['X', 1]]);
    assert.deepEqual(stats.largestCastMovies(ds)!.map((m) => [m.title, m.size]), [['A (1994)', 30], ['B (1981)', 5]]);
    assert.deepEqual(stats.largestCrewMovies(ds, 1)!.map((m) => m.title), ['B (1981)']);
    assert.equal(stats.busiestDirectors({ ...ds, enrichment: undefined }), undefined);
  });
});
