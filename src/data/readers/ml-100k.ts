/** The ML-100K release: u.data, u.item, u.user, u.genre, u.occupation (latin-1, '|' and tab separated). */
import type { MovieLensDataset, Movies, Users } from '../schema.ts';
import { BadRows } from './bad-rows.ts';
import { IdIndex } from './columns.ts';
import { DataError } from './data-error.ts';
import { joinPath as join, pathExists as existsSync } from './files.ts';
import { forEachTextLine, parseId, splitFields, type ProgressTracker } from './lines.ts';
import { readUsersFileRelease } from './ratings.ts';
import { UsersBuilder } from './users-builder.ts';
import { ML100K_GENRES, ml100kOccupationLabel, tfdsGenreId } from './vocabularies.ts';

/** The files of an ML-100K folder. */
export const ML100K_FILES = { ratings: 'u.data', movies: 'u.item', users: 'u.user', genres: 'u.genre', occupations: 'u.occupation' } as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Parses an ML-100K date such as "01-Jan-1995" into ms since the epoch (NaN when empty or not a real date). */
export function parseMl100kDate(text: string): number {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text.trim());
  return m ? utcDate(Number(m[3]), MONTHS.indexOf(m[2]), Number(m[1])) : NaN;
}

/** Date.UTC of a calendar date, or NaN when there is no such day (month -1, 31-Feb, day 0). */
export function utcDate(year: number, month: number, day: number): number {
  if (month < 0 || day < 1) return NaN;
  const t = Date.UTC(year, month, day);
  return new Date(t).getUTCDate() === day ? t : NaN;
}

/** The genre names of u.genre, in flag order ("name|index" lines); the standard 19 when absent. */
async function readGenreOrder(dir: string, progress?: ProgressTracker): Promise<string[]> {
  const path = join(dir, ML100K_FILES.genres);
  if (!existsSync(path)) return [...ML100K_GENRES];
  const names: string[] = [];
  await forEachTextLine(path, 'latin1', (text, line) => {
    const [name, index] = splitFields(text, '|', 2, path, line);
    if (Number(index) !== names.length) throw new DataError(path, line, `genre index ${JSON.stringify(index)} out of order, expected ${names.length}`);
    if (tfdsGenreId(name) < 0) throw new DataError(path, line, `unknown genre ${JSON.stringify(name)}`);
    names.push(name);
  }, progress);
  return names;
}

/** Reads u.item into Movies (genres as TFDS ids, release date kept). */
export async function readMl100kMovies(dir: string, progress?: ProgressTracker, bad = new BadRows()): Promise<Movies> {
  const genreOrder = await readGenreOrder(dir, progress);
  const genreBits = genreOrder.map((g) => 1 << tfdsGenreId(g));
  const path = join(dir, ML100K_FILES.movies);
  const ids: number[] = [];
  const titles: string[] = [];
  const masks: number[] = [];
  const dates: number[] = [];
  const seen = new IdIndex();
  await forEachTextLine(
    path,
    'latin1',
    (text, line) => {
      const f = splitFields(text, '|', 5 + genreOrder.length, path, line);
      const id = parseId(f[0], 'movie id', path, line);
      let mask = 0;
      for (let g = 0; g < genreOrder.length; g++) {
        const flag = f[5 + g];
        if (flag === '1') mask |= genreBits[g];
        else if (flag !== '0') throw new DataError(path, line, `genre flag ${genreOrder[g]} is ${JSON.stringify(flag)}, expected 0 or 1`);
      }
      const date = parseMl100kDate(f[2]);
      if (f[2].trim() !== '' && Number.isNaN(date)) throw new DataError(path, line, `release date ${JSON.stringify(f[2])} is not a date like 01-Jan-1995`);
      if (seen.add(id) < 0) throw new DataError(path, line, `duplicate movie id ${id}`);
      ids.push(id);
      titles.push(f[1]);
      masks.push(mask >>> 0);
      dates.push(date);
    },
    progress,
    bad,
  );
  return { length: ids.length, id: Int32Array.from(ids), title: titles, genres: Uint32Array.from(masks), releaseDate: Float64Array.from(dates) };
}

/** The occupation names listed in u.occupation (undefined when absent). */
async function readOccupationNames(dir: string, progress?: ProgressTracker): Promise<Set<string> | undefined> {
  const path = join(dir, ML100K_FILES.occupations);
  if (!existsSync(path)) return undefined;
  const names = new Set<string>();
  await forEachTextLine(path, 'latin1', (text) => names.add(text.trim()), progress);
  return names;
}

/** Reads u.user into Users with TFDS occupation labels. */
export async function readMl100kUsers(dir: string, progress?: ProgressTracker, bad = new BadRows()): Promise<Users> {
  const listed = await readOccupationNames(dir, progress);
  const path = join(dir, ML100K_FILES.users);
  const users = new UsersBuilder();
  await forEachTextLine(
    path,
    'latin1',
    (text, line) => {
      const [idText, ageText, gender, occupation, zipCode] = splitFields(text, '|', 5, path, line);
      const age = Number(ageText);
      if (!Number.isInteger(age) || age < 0 || age > 130) throw new DataError(path, line, `age ${JSON.stringify(ageText)} is not an age in years`);
      const occupationLabel = ml100kOccupationLabel(occupation);
      if (occupationLabel < 0 || (listed && !listed.has(occupation))) throw new DataError(path, line, `unknown occupation ${JSON.stringify(occupation)}`);
      users.push({ id: parseId(idText, 'user id', path, line), age, gender, occupationLabel, occupationText: occupation, zipCode }, path, line);
    },
    progress,
    bad,
  );
  return users.finish(false);
}

/** Reads a whole ML-100K folder. */
export function readMl100k(dir: string, name: string, progress?: ProgressTracker, bad = new BadRows()): Promise<MovieLensDataset> {
  const release = { readMovies: readMl100kMovies, readUsers: readMl100kUsers, ratingsFile: ML100K_FILES.ratings, separator: '\t', typicalLineBytes: 19 };
  return readUsersFileRelease(release, dir, name, progress, bad);
}
