/**
 * A malformed-file corpus for every reader format (ML-100K, ML-1M '::' files, the latest / 20M / 25M
 * CSVs and the movies_extrainfos.dat enrichment file): each case starts from a synthetic release written
 * into a temp folder, breaks one file in one quiet way, and checks the read fails with a DataError naming
 * the file, the line and the reason — and, where rows can be dropped, that `badRows: 'drop'` reads the
 * rest and counts what it dropped.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SYNTHETIC_EXTRA_INFOS_FILE, writeSyntheticExtraInfos } from '../synthetic-extrainfos.ts';
import { RATINGS_FILE } from '../synthetic-files.ts';
import { writeSyntheticMovieLens, type SyntheticFormat } from '../synthetic.ts';
import { readExtraInfos } from './extrainfos.ts';
import { BadRows } from './bad-rows.ts';
import { DataError, readMovieLens } from './index.ts';

const RATINGS = 1200;
const FORMATS: readonly SyntheticFormat[] = ['100k', '1m', 'latest', '20m', '25m'];
const MOVIES_FILE: Record<SyntheticFormat, string> = { '100k': 'u.item', '1m': 'movies.dat', latest: 'movies.csv', '20m': 'movies.csv', '25m': 'movies.csv' };
const USERS_FILE: Partial<Record<SyntheticFormat, string>> = { '100k': 'u.user', '1m': 'users.dat' };
const STATEMENT: Record<SyntheticFormat, string> = { '100k': 'u.info', '1m': 'README', latest: 'README.txt', '20m': 'README.txt', '25m': 'README.txt' };
const SEPARATOR: Record<SyntheticFormat, string> = { '100k': '\t', '1m': '::', latest: ',', '20m': ',', '25m': ',' };
const csv = (format: SyntheticFormat): boolean => format !== '100k' && format !== '1m';
const TEN_MB = 10 * (1 << 20);

/** A file's lines (without the final newline's empty tail). */
type Lines = string[];

/** One way to break one file: `edit` changes its lines; the read must fail as `expect` says. */
interface Mutation {
  name: string;
  /** 'ratings' | 'movies' | 'users': which file of the format. */
  file: 'ratings' | 'movies' | 'users';
  formats?: readonly SyntheticFormat[];
  /** `first` is the index of the first data line (1 after a CSV header). */
  edit(lines: Lines, sep: string, first: number): Lines;
  expect: (first: number, format: SyntheticFormat) => { line: number; reason: RegExp; file?: string };
  /** Under badRows 'drop': how many rows are dropped, and whether a stated count then disagrees. */
  drop?: { dropped: number; warnings: number | ((format: SyntheticFormat) => number) };
}

const RATINGS_AT = 6; // a data line index past the first few

const MUTATIONS: Mutation[] = [
  {
    name: 'a ratings file cut to half its lines',
    file: 'ratings',
    edit: (lines, _sep, first) => lines.slice(0, first + RATINGS / 2),
    expect: (_first, format) => ({ line: 0, reason: new RegExp(`has ${RATINGS / 2} ratings but .*${STATEMENT[format]} says ${RATINGS} \\(cut short`) }),
    drop: { dropped: 0, warnings: (format) => (csv(format) ? 2 : 1) }, // CSV users come from ratings.csv, so they are short too
  },
  {
    name: 'a duplicate (user, movie) pair',
    file: 'ratings',
    edit: (lines, _sep, first) => lines.map((l, i) => (i === first + RATINGS_AT + 5 ? lines[first + RATINGS_AT] : l)),
    expect: (first) => ({ line: first + RATINGS_AT + 6, reason: new RegExp(`duplicate rating: userId \\d+ already rated movieId \\d+ \\(first rated on line ${first + RATINGS_AT + 1}\\)`) }),
    drop: { dropped: 1, warnings: 1 },
  },
  {
    name: 'a blank line mid-file',
    file: 'ratings',
    edit: (lines, _sep, first) => [...lines.slice(0, first + RATINGS_AT), '', ...lines.slice(first + RATINGS_AT)],
    expect: (first) => ({ line: first + RATINGS_AT + 1, reason: /is blank in the middle of the file/ }),
    drop: { dropped: 1, warnings: 0 },
  },
  {
    name: 'a user id written 242.0',
    file: 'ratings',
    edit: (lines, sep, first) => lines.map((l, i) => (i === first + RATINGS_AT ? l.replace(sep, `.0${sep}`) : l)),
    expect: (first) => ({ line: first + RATINGS_AT + 1, reason: /userId is written with a decimal point, expected a plain integer/ }),
    drop: { dropped: 1, warnings: 1 },
  },
  {
    name: 'a timestamp past any date',
    file: 'ratings',
    edit: (lines, sep, first) => lines.map((l, i) => (i === first + RATINGS_AT ? l.replace(/\d+$/, '999999999999999') : l)),
    expect: (first) => ({ line: first + RATINGS_AT + 1, reason: /timestamp 999999999999999 is beyond any date/ }),
    drop: { dropped: 1, warnings: 1 },
  },
  {
    name: 'a 10 MB line',
    file: 'ratings',
    edit: (lines, _sep, first) => lines.map((l, i) => (i === first + 2 ? '9'.repeat(TEN_MB) : l)),
    expect: (first) => ({ line: first + 3, reason: /is longer than 1048576 bytes \(the line cap\)/ }),
  },
  {
    name: 'a movie id written 5.0',
    file: 'movies',
    edit: (lines, sep, first) => lines.map((l, i) => (i === first + 4 ? l.replace(/^\d+/, '5.0') : l)),
    expect: (first, format) => ({ line: first + 5, reason: new RegExp(`${format === '100k' ? 'movie id' : format === '1m' ? 'MovieID' : 'movieId'} "5.0" is not a positive integer id`) }),
  },
  {
    name: 'a movie id written 0x10',
    file: 'movies',
    edit: (lines, sep, first) => lines.map((l, i) => (i === first + 4 ? l.replace(/^\d+/, '0x10') : l)),
    expect: (first) => ({ line: first + 5, reason: /"0x10" is not a positive integer id/ }),
  },
  {
    name: 'a duplicate movie id',
    file: 'movies',
    edit: (lines, _sep, first) => lines.map((l, i) => (i === first + 4 ? lines[first + 3] : l)),
    expect: (first) => ({ line: first + 5, reason: /duplicate movie ?id \d+/i }),
  },
  {
    name: 'a blank line in the movies file',
    file: 'movies',
    edit: (lines, _sep, first) => [...lines.slice(0, first + 3), '', ...lines.slice(first + 3)],
    expect: (first) => ({ line: first + 4, reason: /is blank in the middle of the file/ }),
  },
  {
    name: 'an invalid release date (32-Jan-1995)',
    file: 'movies',
    formats: ['100k'],
    edit: (lines) => lines.map((l, i) => (i === 2 ? l.split('|').map((f, k) => (k === 2 ? '32-Jan-1995' : f)).join('|') : l)),
    expect: () => ({ line: 3, reason: /release date "32-Jan-1995" is not a date like 01-Jan-1995/ }),
  },
  {
    name: 'a duplicate user',
    file: 'users',
    formats: ['100k', '1m'],
    edit: (lines) => lines.map((l, i) => (i === 3 ? lines[2] : l)),
    expect: () => ({ line: 4, reason: /duplicate user id \d+/ }),
  },
];

const FILE_OF = (format: SyntheticFormat, file: Mutation['file']): string =>
  file === 'ratings' ? RATINGS_FILE[format] : file === 'movies' ? MOVIES_FILE[format] : USERS_FILE[format]!;

let root: string;
const base: Partial<Record<SyntheticFormat, string>> = {};

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'maxella-corpus-'));
  for (const format of FORMATS) {
    base[format] = join(root, `base-${format}`);
    await writeSyntheticMovieLens(base[format]!, { format, ratings: RATINGS, seed: 7 });
  }
  await writeSyntheticExtraInfos(base['1m']!);
});
after(() => rmSync(root, { recursive: true, force: true }));

let copies = 0;
/** A fresh copy of the base release of `format`. */
function copyOf(format: SyntheticFormat): string {
  const dir = join(root, `case-${copies++}`);
  cpSync(base[format]!, dir, { recursive: true });
  return dir;
}

/** Rewrites `file` in `dir` through `edit`. */
function editFile(dir: string, file: string, edit: (lines: Lines) => Lines): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'latin1');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  writeFileSync(path, `${edit(text.replace(/\r?\n$/, '').split(/\r?\n/)).join(eol)}${eol}`, 'latin1');
}

/** Asserts `promise` rejects with a DataError about `file` at `line` matching `reason`. */
async function expectDataError(promise: Promise<unknown>, file: string, line: number, reason: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DataError, `expected a DataError, got ${String(error)}`);
    assert.equal(error.file, file);
    assert.equal(error.line, line, error.message);
    assert.match(error.reason, reason);
    assert.ok(error.message.startsWith(line > 0 ? `${file}:${line}: ` : `${file}: `), error.message);
    return true;
  });
}

describe('the synthetic base releases read cleanly (the corpus starts from valid files)', () => {
  for (const format of FORMATS) {
    it(format, async () => {
      const ds = await readMovieLens(base[format]!);
      assert.equal(ds.ratings.length, RATINGS);
      assert.equal(ds.dropped, undefined);
    });
  }
  it(SYNTHETIC_EXTRA_INFOS_FILE, async () => {
    const records = await readExtraInfos(join(base['1m']!, SYNTHETIC_EXTRA_INFOS_FILE));
    assert.ok(records.length >= 30);
    assert.ok(records.every((r) => Number.isFinite(r.releaseDate) || r.year === null));
  });
});

for (const format of FORMATS) {
  describe(`malformed ${format} files`, () => {
    for (const m of MUTATIONS.filter((c) => !c.formats || c.formats.includes(format))) {
      const file = FILE_OF(format, m.file);
      const first = csv(format) ? 1 : 0;
      it(`${m.name} (${file})`, async () => {
        const dir = copyOf(format);
        editFile(dir, file, (lines) => m.edit(lines, SEPARATOR[format], first));
        const expected = m.expect(first, format);
        await expectDataError(readMovieLens(dir), join(dir, expected.file ?? file), expected.line, expected.reason);
        if (m.drop) {
          const ds = await readMovieLens(dir, { badRows: 'drop' });
          const dropped = ds.dropped;
          assert.ok(dropped, 'the drop is reported');
          assert.equal(dropped.total, m.drop.dropped);
          const warnings = typeof m.drop.warnings === 'number' ? m.drop.warnings : m.drop.warnings(format);
          assert.equal(dropped.warnings.length, warnings, dropped.warnings.join('; '));
          if (m.drop.dropped > 0) {
            assert.equal(dropped.byFile[join(dir, file)], m.drop.dropped);
            assert.match(dropped.examples[0], new RegExp(`^${join(dir, file)}:\\d+: `));
          }
        }
      });
    }
    it(`a ratings file that is /dev/zero (${RATINGS_FILE[format]})`, async () => {
      const dir = copyOf(format);
      const path = join(dir, RATINGS_FILE[format]);
      rmSync(path);
      symlinkSync('/dev/zero', path);
      await expectDataError(readMovieLens(dir), path, 0, /is a device, not a regular file/);
    });
  });
}

describe(`malformed ${SYNTHETIC_EXTRA_INFOS_FILE}`, () => {
  const cases: { name: string; edit: (lines: Lines) => Lines; line: number; reason: RegExp; fatal?: boolean }[] = [
    { name: 'a blank line mid-file', edit: (l) => [...l.slice(0, 3), '', ...l.slice(3)], line: 4, reason: /is blank in the middle of the file/ },
    { name: 'a movie id written 3.0', edit: (l) => l.map((x, i) => (i === 4 ? x.replace(/^\d+/, '3.0') : x)), line: 5, reason: /movie id "3.0" is not a positive integer id/ },
    { name: 'a duplicate movie id', edit: (l) => l.map((x, i) => (i === 4 ? l[3] : x)), line: 5, reason: /duplicate movie id \d+/ },
    {
      name: 'an invalid release date (31 Feb 1995)',
      edit: (l) => l.map((x, i) => (i === 2 ? x.split('::').map((f, k) => (k === 4 ? '31 Feb 1995' : f)).join('::') : x)),
      line: 3,
      reason: /release date "31 Feb 1995" is not a date like 22 Nov 1995/,
    },
    { name: 'a year that is not one', edit: (l) => l.map((x, i) => (i === 1 ? x.split('::').map((f, k) => (k === 2 ? '19x5' : f)).join('::') : x)), line: 2, reason: /year "19x5" is not a year/ },
    { name: 'a 10 MB line', edit: (l) => l.map((x, i) => (i === 1 ? 'y'.repeat(TEN_MB) : x)), line: 2, reason: /is longer than 1048576 bytes/, fatal: true },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const dir = copyOf('1m');
      editFile(dir, SYNTHETIC_EXTRA_INFOS_FILE, c.edit);
      const path = join(dir, SYNTHETIC_EXTRA_INFOS_FILE);
      await expectDataError(readExtraInfos(path), path, c.line, c.reason);
      if (!c.fatal) {
        const bad = new BadRows('drop');
        const records = await readExtraInfos(path, bad);
        assert.equal(bad.summary()?.total, 1);
        assert.ok(records.length > 0);
      }
    });
  }
  it('a /dev/zero enrichment file', async () => {
    const dir = copyOf('1m');
    const path = join(dir, SYNTHETIC_EXTRA_INFOS_FILE);
    rmSync(path);
    symlinkSync('/dev/zero', path);
    await expectDataError(readExtraInfos(path), path, 0, /is a device/);
  });
});
