/** The ML-1M release: ratings.dat, movies.dat, users.dat ('::' separated, latin-1). */
import type { MovieLensDataset, Movies, Users } from '../schema.ts';
import { BadRows } from './bad-rows.ts';
import { IdIndex } from './columns.ts';
import { DataError } from './data-error.ts';
import { joinPath as join } from './files.ts';
import { parseGenreList } from './genres.ts';
import { forEachTextLine, parseId, splitFields, type ProgressTracker } from './lines.ts';
import { readUsersFileRelease } from './ratings.ts';
import { UsersBuilder } from './users-builder.ts';
import { ML1M_AGE_GROUPS, ML1M_OCCUPATIONS, ml1mOccupationLabel } from './vocabularies.ts';

/** The files of an ML-1M folder. */
export const ML1M_FILES = { ratings: 'ratings.dat', movies: 'movies.dat', users: 'users.dat' } as const;

/** Reads movies.dat. */
export async function readMl1mMovies(dir: string, progress?: ProgressTracker, bad = new BadRows()): Promise<Movies> {
  const path = join(dir, ML1M_FILES.movies);
  const seen = new IdIndex();
  const titles: string[] = [];
  const masks: number[] = [];
  await forEachTextLine(
    path,
    'latin1',
    (text, line) => {
      const [idText, title, genres] = splitFields(text, '::', 3, path, line);
      const id = parseId(idText, 'MovieID', path, line);
      const mask = parseGenreList(genres, path, line);
      if (seen.add(id) < 0) throw new DataError(path, line, `duplicate MovieID ${id}`);
      titles.push(title);
      masks.push(mask);
    },
    progress,
    bad,
  );
  return { length: seen.size, id: Int32Array.from(seen.ids), title: titles, genres: Uint32Array.from(masks) };
}

/** Reads users.dat (age-group codes, occupation codes mapped to TFDS labels). */
export async function readMl1mUsers(dir: string, progress?: ProgressTracker, bad = new BadRows()): Promise<Users> {
  const path = join(dir, ML1M_FILES.users);
  const users = new UsersBuilder();
  await forEachTextLine(
    path,
    'latin1',
    (text, line) => {
      const [idText, gender, ageText, occupationText, zipCode] = splitFields(text, '::', 5, path, line);
      const age = Number(ageText);
      if (!(ML1M_AGE_GROUPS as readonly number[]).includes(age)) {
        throw new DataError(path, line, `Age ${JSON.stringify(ageText)} is not an ML-1M age group (${ML1M_AGE_GROUPS.join(', ')})`);
      }
      const code = Number(occupationText);
      const occupationLabel = occupationText.trim() === '' || !Number.isInteger(code) ? -1 : ml1mOccupationLabel(code);
      if (occupationLabel < 0) throw new DataError(path, line, `Occupation ${JSON.stringify(occupationText)} is not a code from 0 to 20`);
      users.push({ id: parseId(idText, 'UserID', path, line), age, gender, occupationLabel, occupationText: ML1M_OCCUPATIONS[code], zipCode }, path, line);
    },
    progress,
    bad,
  );
  return users.finish(true);
}

/** Reads a whole ML-1M folder. */
export function readMl1m(dir: string, name: string, progress?: ProgressTracker, bad = new BadRows()): Promise<MovieLensDataset> {
  const release = { readMovies: readMl1mMovies, readUsers: readMl1mUsers, ratingsFile: ML1M_FILES.ratings, separator: '::', typicalLineBytes: 22 };
  return readUsersFileRelease(release, dir, name, progress, bad);
}
