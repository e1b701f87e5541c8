import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedDataPath, skipWithoutSharedData } from '../testing/shared-data.ts';
import { enrichDataset, parsePythonLiteral, readExtraInfos, readTmdbMetadata, TMDB_POSTER_BASE } from './enrich.ts';
import { readMovieLens, readMovieLensMovies } from './readers/index.ts';
import { removeTempRelease, writeTempRelease } from './readers/temp-release.ts';
import type { MovieLensDataset, Movies } from './schema.ts';

const EXTRAINFOS = 'ml-1m/movies_extrainfos.dat';

/** A dataset of just `movies` (enrichment only looks at movies). */
function moviesOnly(name: string, movies: Movies): MovieLensDataset {
  const ratings = { length: 0, user: new Int32Array(), movie: new Int32Array(), rating: new Float32Array(), timestamp: new Float64Array() };
  return { name, movies, users: { length: 0, id: new Int32Array() }, ratings };
}

test('extrainfos: fields parsed (N/A empty, release date, roles dropped from writers)', { skip: skipWithoutSharedData(EXTRAINFOS) }, async () => {
  const records = await readExtraInfos(sharedDataPath(EXTRAINFOS)!);
  assert.equal(records.length, 3881);
  const toy = records[0];
  assert.deepEqual([toy.movieLensId, toy.title, toy.year, toy.mpaa, toy.director, toy.cast[0]], [1, 'Toy Story', 1995, 'G', 'John Lasseter', 'Tom Hanks']);
  assert.equal(toy.releaseDate, Date.UTC(1995, 10, 22));
  assert.ok(toy.writers.includes('Joss Whedon') && !toy.writers.some((w) => w.includes('(')));
  assert.ok(toy.posterUrl.startsWith('https://'));
  const heidi = records.find((r) => r.movieLensId === 99)!;
  assert.deepEqual(heidi.writers, []);
});

test('enrichment matches >95% of ML-1M movies by id and >94% of ML-100K movies by title + year', { skip: skipWithoutSharedData(EXTRAINFOS) }, async () => {
  const records = await readExtraInfos(sharedDataPath(EXTRAINFOS)!);
  const ml1m = moviesOnly('ml-1m', await readMovieLensMovies(sharedDataPath('ml-1m')!));
  const r1 = enrichDataset(ml1m, records);
  assert.equal(r1.method, 'id');
  assert.ok(r1.matched / r1.total > 0.95, `${r1.matched}/${r1.total}`);
  const shawshank = ml1m.movies.id.indexOf(318);
  assert.deepEqual([ml1m.enrichment!.director[shawshank], ml1m.enrichment!.star[shawshank], ml1m.enrichment!.mpaa[shawshank]], ['Frank Darabont', 'Tim Robbins', 'R']);
  const ml100k = await readMovieLens(sharedDataPath('ml-100k')!);
  const r2 = enrichDataset(ml100k, records);
  assert.equal(r2.method, 'title');
  assert.ok(r2.matched / r2.total > 0.94, `${r2.matched}/${r2.total}`);
  const usual = ml100k.movies.title.indexOf('Usual Suspects, The (1995)');
  assert.equal(ml100k.enrichment!.director[usual], 'Bryan Singer');
  assert.equal(ml100k.enrichment!.matched[ml100k.movies.title.indexOf('unknown')], 0);
});

const CREDITS_TOY =
  "\"[{'cast_id': 14, 'character': 'Woody (voice)', 'gender': 2, 'id': 31, 'name': 'Tom Hanks', 'order': 0}, " +
  "{'cast_id': 15, 'character': \"\"Buzz Lightyear\"\", 'id': 12898, 'name': 'Tim Allen', 'order': 1}]\"," +
  "\"[{'department': 'Directing', 'job': 'Director', 'name': 'John Lasseter'}, {'department': 'Writing', 'job': 'Screenplay', 'name': 'Joss Whedon'}, {'department': 'Sound', 'job': 'Music', 'name': 'Randy Newman'}]\",862\n";

test('TMDB files: director from crew, cast and crew sizes, links to MovieLens ids, shifted rows skipped', async () => {
  const dir = writeTempRelease({
    'movies_metadata.csv':
      'adult,id,imdb_id,overview,poster_path,release_date,title\n' +
      'False,862,tt0114709,"Led by Woody, Andy\'s toys live happily.",/rhIRbceoE9lR4veEXuwCC2wARtG.jpg,1995-10-30,Toy Story\n' +
      'False,1997-08-20,x,broken row,,,\n' +
      'False,8844,tt0113497,"When siblings Judy and Peter discover\na magical board game",,1995-12-15,Jumanji\n',
    'credits.csv': `cast,crew,id\n${CREDITS_TOY}[],[],8844\n`,
    'links.csv': 'movieId,imdbId,tmdbId\n1,0114709,862\n2,0113497,8844\n',
  });
  try {
    const tmdb = await readTmdbMetadata(dir);
    assert.equal(tmdb.skippedRows, 1);
    const toy = tmdb.records.find((r) => r.tmdbId === 862)!;
    assert.deepEqual([toy.movieLensId, toy.director, toy.castSize, toy.crewSize, toy.year], [1, 'John Lasseter', 2, 3, 1995]);
    assert.deepEqual(toy.cast, ['Tom Hanks', 'Tim Allen']);
    assert.deepEqual(toy.writers, ['Joss Whedon']);
    assert.equal(toy.posterUrl, `${TMDB_POSTER_BASE}/rhIRbceoE9lR4veEXuwCC2wARtG.jpg`);
    assert.equal(toy.releaseDate, Date.UTC(1995, 9, 30));
    const jumanji = tmdb.records.find((r) => r.tmdbId === 8844)!;
    assert.match(jumanji.plot, /board game/);
    const movies: Movies = { length: 3, id: Int32Array.of(1, 2, 3), title: ['Toy Story (1995)', 'Jumanji (1995)', 'Heat (1995)'], genres: new Uint32Array(3) };
    const report = enrichDataset(moviesOnly('ml-latest', movies), tmdb);
    assert.deepEqual([report.method, report.matched, report.total], ['id', 2, 3]);
    assert.deepEqual(report.unmatchedExamples, ['Heat (1995)']);
    const withLinks = moviesOnly('ml-latest', { ...movies, tmdbId: Int32Array.of(862, 0, 8844) });
    const byTmdb = enrichDataset(withLinks, tmdb);
    assert.equal(byTmdb.method, 'tmdb');
    assert.deepEqual(Array.from(withLinks.enrichment!.castSize), [2, 0, 0]);
    assert.equal(withLinks.enrichment!.matched[1], 1, 'Jumanji falls back to its title');
  } finally {
    removeTempRelease(dir);
  }
});

test('TMDB credits that are not Python lists name the file and line', async () => {
  const dir = writeTempRelease({
    'movies_metadata.csv': 'id,overview,poster_path,release_date,title\n862,x,,1995-10-30,Toy Story\n',
    'credits.csv': 'cast,crew,id\n"[{\'name\': \'Tom Hanks\'",[],862\n',
  });
  try {
    await assert.rejects(readTmdbMetadata(dir), new RegExp(`${join(dir, 'credits.csv').replace(/[.]/g, '\\.')}:2: cast is not a Python list`));
  } finally {
    removeTempRelease(dir);
  }
});

test('parsePythonLiteral', () => {
  assert.deepEqual(parsePythonLiteral("[{'a': 1, \"b\": 'it\\'s', 'c': None, 'd': True, 'e': (1, 2.5), 'f': '\\xe9'}]"), [
    { a: 1, b: "it's", c: null, d: true, e: [1, 2.5], f: 'é' },
  ]);
  assert.deepEqual(parsePythonLiteral('[]'), []);
  assert.throws(() => parsePythonLiteral("[{'a': 1"), /offset/);
});
