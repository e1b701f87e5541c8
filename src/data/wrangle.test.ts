import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import { readMovieLens, readMovieLensUsers } from './readers/index.ts';
import type { MovieLensDataset } from './schema.ts';
import {
  cleanName, cleanZipCode, findDuplicateMovies, fixArticleTitle, fixOccupationLabels, genreMask, genreNames,
  K12_STUDENT_LABEL, movieGenreLists, normalizeTitle, splitTitleYear, stripAccents, validateRatings, zipCodeNumber,
} from './wrangle.ts';

test('cleanZipCode: ZIP+4 trimmed, non-US flagged with the raw kept', () => {
  assert.deepEqual(cleanZipCode('12345-6789'), { raw: '12345-6789', zip5: '12345', isUs: true, hadPlus4: true });
  assert.deepEqual(cleanZipCode('02115'), { raw: '02115', zip5: '02115', isUs: true, hadPlus4: false });
  assert.deepEqual(cleanZipCode('T8H1N'), { raw: 'T8H1N', zip5: null, isUs: false, hadPlus4: false });
  assert.equal(cleanZipCode('1234').zip5, null);
  assert.equal(zipCodeNumber('00231'), 231);
  assert.ok(Number.isNaN(zipCodeNumber('E2A4H')));
});

test('fixOccupationLabels assigns 10 to K-12 students only (the seeds\' fix)', () => {
  const users = { length: 3, id: Int32Array.of(1, 2, 3), occupationLabel: Uint8Array.of(17, 17, 12), occupationText: ['K-12 student', 'college/grad student', 'programmer'] };
  const { occupationLabel, changed } = fixOccupationLabels(users);
  assert.deepEqual(Array.from(occupationLabel), [K12_STUDENT_LABEL, 17, 12]);
  assert.equal(changed, 1);
  assert.deepEqual(Array.from(users.occupationLabel), [17, 17, 12], 'the input is not modified');
});

test('fixOccupationLabels on real ML-1M: label 10 unused before, K-12 students after', { skip: skipWithoutSharedData('ml-1m/users.dat') }, async () => {
  const users = await readMovieLensUsers(sharedDataPath('ml-1m')!);
  assert.ok(!users.occupationLabel!.includes(10));
  const k12 = users.occupationText!.filter((t) => t === 'K-12 student').length;
  const { occupationLabel, changed } = fixOccupationLabels(users);
  assert.equal(changed, k12);
  assert.ok(k12 > 100);
  assert.equal(occupationLabel.filter((l) => l === 10).length, k12);
});

test('genre names and masks round-trip', () => {
  const mask = genreMask(['Animation', 'Children', 'Comedy']);
  assert.deepEqual(genreNames(mask), ['Animation', 'Children', 'Comedy']);
  assert.deepEqual(movieGenreLists({ length: 1, id: Int32Array.of(1), title: ['x'], genres: Uint32Array.of(mask) }), [[2, 3, 4]]);
  assert.throws(() => genreMask(['Cartoon']), /unknown genre/);
});

test('stripAccents and cleanName', () => {
  assert.equal(stripAccents('Cité des enfants perdus, La'), 'Cite des enfants perdus, La');
  assert.equal(stripAccents('Ærø Smørrebrød Straße'), 'AEro Smorrebrod Strasse');
  assert.equal(cleanName('  Antonio Skármeta  "Neruda"* '), 'Antonio Skarmeta Neruda');
  assert.equal(cleanName('Amélie (Le Fabuleux destin d’Amélie Poulain)'), "Amelie (Le Fabuleux destin d'Amelie Poulain)");
});

test('splitTitleYear', () => {
  assert.deepEqual(splitTitleYear('Toy Story (1995)'), { title: 'Toy Story', alternateTitles: [], year: 1995 });
  assert.deepEqual(splitTitleYear('unknown'), { title: 'unknown', alternateTitles: [], year: null });
  assert.deepEqual(splitTitleYear('Postino, Il (The Postman) (1994)'), { title: 'Postino, Il', alternateTitles: ['The Postman'], year: 1994 });
  assert.deepEqual(splitTitleYear('Shanghai Triad (a.k.a. Yao a yao) (1995)').alternateTitles, ['Yao a yao']);
  assert.deepEqual(splitTitleYear('(500) Days of Summer (2009)'), { title: '(500) Days of Summer', alternateTitles: [], year: 2009 });
  assert.deepEqual(splitTitleYear('Babylon 5 (1994-1998)').year, 1994);
});

test('fixArticleTitle moves trailing articles to the front', () => {
  assert.equal(fixArticleTitle('Shawshank Redemption, The (1994)'), 'The Shawshank Redemption (1994)');
  assert.equal(fixArticleTitle('Man Without a Face, A (1993)'), 'A Man Without a Face (1993)');
  assert.equal(fixArticleTitle('Postino, Il (The Postman) (1994)'), 'Il Postino (The Postman) (1994)');
  assert.equal(fixArticleTitle('City of Lost Children, The (Cité des enfants perdus, La) (1995)'), 'The City of Lost Children (La Cité des enfants perdus) (1995)');
  assert.equal(fixArticleTitle('Boot, Das (1981)'), 'Das Boot (1981)');
  assert.equal(fixArticleTitle("Avventura, L' (1960)"), "L'Avventura (1960)");
  assert.equal(fixArticleTitle('Toy Story (1995)'), 'Toy Story (1995)');
  assert.equal(normalizeTitle('Usual Suspects, The'), normalizeTitle('The Usual Suspects'));
});

test('findDuplicateMovies and validateRatings on ML-100K', { skip: skipWithoutSharedData('ml-100k') }, async () => {
  const ds = await readMovieLens(sharedDataPath('ml-100k')!);
  const dups = findDuplicateMovies(ds.movies);
  assert.equal(dups.length, 18);
  assert.ok(dups.some((d) => d.title === 'Chasing Amy (1997)' && d.ids.includes(246) && d.ids.includes(268)));
  const report = validateRatings(ds);
  assert.deepEqual([report.ratings, report.invalid, report.duplicatePairs], [100_000, 0, 0]);
});

test('validateRatings reports invalid rows and duplicate pairs', () => {
  const ds: MovieLensDataset = {
    name: 'ml-100k',
    users: { length: 2, id: Int32Array.of(1, 2) },
    movies: { length: 2, id: Int32Array.of(1, 2), title: ['a', 'b'], genres: new Uint32Array(2) },
    ratings: { length: 4, user: Int32Array.of(0, 0, 1, 1), movie: Int32Array.of(1, 1, 0, 5), rating: Float32Array.of(4, 5, 3.5, 3), timestamp: Float64Array.of(1, 2, 3, 4) },
  };
  const r = validateRatings(ds);
  assert.equal(r.invalid, 2);
  assert.deepEqual(r.invalidExamples.map((e) => e.row), [2, 3]);
  assert.equal(r.duplicatePairs, 1);
  assert.deepEqual(r.duplicateExamples, [{ userId: 1, movieId: 2, rows: [0, 1] }]);
});
