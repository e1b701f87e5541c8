import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataError, readMovieLens } from './index.ts';
import { removeTempRelease, tiny1m, tiny100k, tinyCsv, writeTempRelease } from './temp-release.ts';

/** Reads a release made of `files` and checks the DataError names `file`, `line` and matches `reason`. */
async function expectDataError(files: Record<string, string | Buffer>, file: string, line: number, reason: RegExp): Promise<void> {
  const dir = writeTempRelease(files);
  try {
    await assert.rejects(readMovieLens(dir), (error: unknown) => {
      assert.ok(error instanceof DataError, `expected a DataError, got ${String(error)}`);
      assert.equal(error.file, join(dir, file));
      assert.equal(error.line, line);
      assert.match(error.reason, reason);
      assert.ok(error.message.startsWith(line > 0 ? `${join(dir, file)}:${line}: ` : `${join(dir, file)}: `), error.message);
      return true;
    });
  } finally {
    removeTempRelease(dir);
  }
}

describe('bad input names the file, the line and what was wrong', () => {
  it('a malformed line (wrong field count)', () => expectDataError(tiny100k({ 'u.user': '1|24|M|technician|85711\n2|53|F\n' }), 'u.user', 2, /expected 5 '\|'-separated fields, found 3/));
  it('a truncated ratings file', () => expectDataError(tiny100k({ 'u.data': '1\t10\t3\t881250949\n2\t1' }), 'u.data', 2, /expected 4 fields .* found 2/));
  it('a non-numeric rating', () => expectDataError(tiny100k({ 'u.data': '1\t10\tabc\t881250949\n' }), 'u.data', 1, /rating is not a number/));
  it('a NaN rating', () => expectDataError(tinyCsv({ 'ratings.csv': 'userId,movieId,rating,timestamp\n7,1,NaN,964982703\n' }), 'ratings.csv', 2, /rating is not a number/));
  it('a rating out of range', () => expectDataError(tiny100k({ 'u.data': '1\t10\t3\t881250949\n1\t20\t6\t881250949\n' }), 'u.data', 2, /rating 6 is not a whole star/));
  it('a half star in a whole-star release', () => expectDataError(tiny1m({ 'ratings.dat': '1::1::3.5::978300760\n' }), 'ratings.dat', 1, /rating 3.5 is not a whole star/));
  it('a half-star rating above 5', () => expectDataError(tinyCsv({ 'ratings.csv': 'userId,movieId,rating,timestamp\n7,1,5.5,964982703\n' }), 'ratings.csv', 2, /rating 5.5 is not a half star/));
  it('an unknown movie id', () => expectDataError(tiny100k({ 'u.data': '1\t10\t3\t881250949\n1\t99\t3\t881250949\n' }), 'u.data', 2, /unknown movieId 99/));
  it('an unknown user id', () => expectDataError(tiny1m({ 'ratings.dat': '1::1::5::978300760\n3::1::5::978300760\n' }), 'ratings.dat', 2, /unknown userId 3/));
  it('a negative timestamp', () => expectDataError(tiny1m({ 'ratings.dat': '1::1::5::-5\n' }), 'ratings.dat', 1, /timestamp -5/));
  it('a single colon where "::" is expected', () => expectDataError(tiny1m({ 'ratings.dat': '1::1:5::978300760\n' }), 'ratings.dat', 1, /not a number/));
  it('an empty ratings file', () => expectDataError(tiny1m({ 'ratings.dat': '' }), 'ratings.dat', 0, /has no ratings/));
  it('UTF-16 text (wrong encoding)', () => expectDataError(tiny1m({ 'movies.dat': Buffer.from('\uFEFF1::Toy Story (1995)::Comedy\n', 'utf16le') }), 'movies.dat', 1, /NUL byte.*UTF-16/));
  it('invalid UTF-8 in a UTF-8 CSV', () =>
    expectDataError(tinyCsv({ 'movies.csv': Buffer.concat([Buffer.from('movieId,title,genres\n1,Caf'), Buffer.from([0xe9]), Buffer.from(' (1995),Comedy\n')]) }), 'movies.csv', 2, /not valid UTF-8/));
  it('an unclosed quote in a CSV', () => expectDataError(tinyCsv({ 'movies.csv': 'movieId,title,genres\n1,"Toy Story (1995),Comedy\n' }), 'movies.csv', 2, /malformed CSV/));
  it('a CSV header without the needed columns', () => expectDataError(tinyCsv({ 'movies.csv': 'id,name\n1,x\n' }), 'movies.csv', 1, /lacks column\(s\) movieId, title, genres/));
  it('an unknown genre', () => expectDataError(tiny1m({ 'movies.dat': '1::Toy Story (1995)::Cartoon\n' }), 'movies.dat', 1, /unknown genre "Cartoon"/));
  it('an age that is not an ML-1M age group', () => expectDataError(tiny1m({ 'users.dat': '1::F::33::10::48067\n' }), 'users.dat', 1, /Age "33" is not an ML-1M age group/));
  it('an occupation code outside 0-20', () => expectDataError(tiny1m({ 'users.dat': '1::F::1::21::48067\n' }), 'users.dat', 1, /Occupation "21"/));
  it('an unknown ML-100K occupation', () => expectDataError(tiny100k({ 'u.user': '1|24|M|astronaut|85711\n' }), 'u.user', 1, /unknown occupation "astronaut"/));
  it('a duplicate movie id', () => expectDataError(tiny1m({ 'movies.dat': '1::A (1995)::Comedy\n1::B (1995)::Comedy\n' }), 'movies.dat', 2, /duplicate MovieID 1/));
  it('an empty users file (ratings then name the unknown user)', () => expectDataError(tiny100k({ 'u.user': '' }), 'u.data', 1, /unknown userId 1/));
});

describe('folders that are not MovieLens releases', () => {
  it('lists what was expected and what was found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maxella-notml-'));
    try {
      await assert.rejects(readMovieLens(dir), /is not a MovieLens folder: expected an ML-100K folder \(u\.data, u\.item, u\.user\).*it is empty/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
  it('names the missing files of a partial release', async () => {
    const files = tiny100k();
    delete files['u.user'];
    const dir = writeTempRelease(files);
    try {
      await assert.rejects(readMovieLens(dir), /lacks u\.user/);
    } finally {
      removeTempRelease(dir);
    }
  });
  it('says when the path does not exist', async () => {
    await assert.rejects(readMovieLens('/nonexistent/ml-100k'), /does not exist/);
  });
});
