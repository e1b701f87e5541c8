/** The non-rating files of each synthetic release format: movies, users, links, genre and occupation lists. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Rng } from '../util/random.ts';
import { type Catalog, weightedPicker } from './synthetic-catalog.ts';
import {
  AGE_GROUPS_1M, GENRES_100K, GENRES_CSV, MALE_SHARE, OCCUPATION_CODE_COUNTS_1M, OCCUPATIONS_100K, type SyntheticFormat,
} from './synthetic-shape.ts';
import { csvField, TextFileWriter } from './text-writer.ts';

/** The ratings file of each format. */
export const RATINGS_FILE: Record<SyntheticFormat, string> = { '100k': 'u.data', '1m': 'ratings.dat', latest: 'ratings.csv', '20m': 'ratings.csv', '25m': 'ratings.csv' };

/** The writers of one format's files other than ratings (and tags). */
export interface FormatFiles {
  names: string[];
  movies(dir: string, catalog: Catalog, rng: Rng): Promise<void>;
  users?(dir: string, users: number, rng: Rng): Promise<void>;
  extras?(dir: string, sizes: { ratings: number; users: number; movies: number }): Promise<void>;
}

const CSV_FILES: FormatFiles = {
  names: ['movies.csv', 'ratings.csv', 'tags.csv', 'links.csv', 'README.txt'],
  movies: writeCsvMovies,
  extras: (dir, sizes) =>
    writeWhole(join(dir, 'README.txt'), `${SYNTHETIC_README}It contains ${sizes.ratings} ratings across ${sizes.movies} movies. These data were created by ${sizes.users} users.\n`, 'utf8'),
};

/** The file writers per format. */
export const FILE_WRITERS: Record<SyntheticFormat, FormatFiles> = {
  '100k': {
    names: ['u.data', 'u.item', 'u.user', 'u.genre', 'u.occupation', 'u.info', 'README'],
    movies: write100kMovies,
    users: write100kUsers,
    extras: async (dir, sizes) => {
      await writeWhole(join(dir, 'u.genre'), `${GENRES_100K.map((g, i) => `${g}|${i}`).join('\n')}\n\n`, 'latin1');
      await writeWhole(join(dir, 'u.occupation'), `${OCCUPATIONS_100K.map(([o]) => o).join('\n')}\n`, 'latin1');
      await writeWhole(join(dir, 'u.info'), `${sizes.users} users\n${sizes.movies} items\n${sizes.ratings} ratings\n`, 'latin1');
      await writeWhole(join(dir, 'README'), SYNTHETIC_README, 'latin1');
    },
  },
  '1m': {
    names: ['ratings.dat', 'movies.dat', 'users.dat', 'README'],
    movies: write1mMovies,
    users: write1mUsers,
    extras: (dir, sizes) =>
      writeWhole(join(dir, 'README'), `${SYNTHETIC_README}These files contain ${sizes.ratings.toLocaleString('en-US')} anonymous ratings of ${sizes.movies} movies\nmade by ${sizes.users.toLocaleString('en-US')} MovieLens users.\n`, 'latin1'),
  },
  latest: CSV_FILES,
  '20m': CSV_FILES,
  '25m': CSV_FILES,
};

/** The first README line; the second states the counts in GroupLens' words, which the readers check. */
const SYNTHETIC_README = 'Synthetic MovieLens-format data written by Maxella (not GroupLens data).\n';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The names of `genres` (GENRES_CSV indices) in the 100K/1M vocabulary, which has no IMAX. */
function oldGenreNames(genres: number[]): string[] {
  const names = genres.map((g) => GENRES_CSV[g]).filter((g) => g !== 'IMAX').map((g) => (g === 'Children' ? "Children's" : g));
  return names.length ? names : ['Drama'];
}

async function write100kMovies(dir: string, catalog: Catalog, rng: Rng): Promise<void> {
  const out = new TextFileWriter(join(dir, 'u.item'), 'latin1');
  for (let m = 0; m < catalog.id.length; m++) {
    const names = new Set(oldGenreNames(catalog.genres[m]));
    const flags = GENRES_100K.map((g) => (names.has(g) ? 1 : 0)).join('|');
    const date = `${String(1 + rng.int(28)).padStart(2, '0')}-${MONTHS[rng.int(12)]}-${catalog.year[m]}`;
    const url = `http://us.imdb.com/M/title-exact?${catalog.title[m].replace(/ /g, '%20')}`;
    out.push(`${catalog.id[m]}|${catalog.title[m]}|${date}||${url}|${flags}\n`);
    await out.flushIfFull();
  }
  await out.close();
}

async function write1mMovies(dir: string, catalog: Catalog): Promise<void> {
  const out = new TextFileWriter(join(dir, 'movies.dat'), 'latin1');
  for (let m = 0; m < catalog.id.length; m++) {
    out.push(`${catalog.id[m]}::${catalog.title[m]}::${oldGenreNames(catalog.genres[m]).join('|')}\n`);
    await out.flushIfFull();
  }
  await out.close();
}

async function writeCsvMovies(dir: string, catalog: Catalog, rng: Rng): Promise<void> {
  const movies = new TextFileWriter(join(dir, 'movies.csv'), 'utf8');
  const links = new TextFileWriter(join(dir, 'links.csv'), 'utf8');
  movies.push('movieId,title,genres\n');
  links.push('movieId,imdbId,tmdbId\n');
  for (let m = 0; m < catalog.id.length; m++) {
    const genres = catalog.genres[m].map((g) => GENRES_CSV[g]).join('|') || '(no genres listed)';
    movies.push(`${catalog.id[m]},${csvField(catalog.title[m])},${genres}\n`);
    const tmdb = rng.next() < 0.002 ? '' : String(1000 + 7 * m + rng.int(7));
    links.push(`${catalog.id[m]},${String(110_000 + 37 * m + rng.int(37)).padStart(7, '0')},${tmdb}\n`);
    await movies.flushIfFull();
    await links.flushIfFull();
  }
  await movies.close();
  await links.close();
}

const occupation100k = weightedPicker(OCCUPATIONS_100K.map(([, n]) => n));
const occupation1m = weightedPicker(OCCUPATION_CODE_COUNTS_1M);
const ageGroup1m = weightedPicker(AGE_GROUPS_1M.map(([, n]) => n));

async function write100kUsers(dir: string, users: number, rng: Rng): Promise<void> {
  const out = new TextFileWriter(join(dir, 'u.user'), 'latin1');
  for (let u = 1; u <= users; u++) {
    const age = Math.min(73, Math.max(7, Math.round(33 + 11 * rng.normal())));
    const zip = rng.next() < 0.015 ? canadianPostalCode(rng) : usZipCode(rng);
    out.push(`${u}|${age}|${gender(rng)}|${OCCUPATIONS_100K[occupation100k(rng)][0]}|${zip}\n`);
    await out.flushIfFull();
  }
  await out.close();
}

async function write1mUsers(dir: string, users: number, rng: Rng): Promise<void> {
  const out = new TextFileWriter(join(dir, 'users.dat'), 'latin1');
  for (let u = 1; u <= users; u++) {
    const zip = rng.next() < 0.015 ? `${usZipCode(rng)}-${String(rng.int(10_000)).padStart(4, '0')}` : usZipCode(rng);
    out.push(`${u}::${gender(rng)}::${AGE_GROUPS_1M[ageGroup1m(rng)][0]}::${occupation1m(rng)}::${zip}\n`);
    await out.flushIfFull();
  }
  await out.close();
}

function gender(rng: Rng): 'M' | 'F' {
  return rng.next() < MALE_SHARE ? 'M' : 'F';
}

let usZipCodes: string[] | undefined;

/** A real US zip code (from the `zipcodes` package's table). */
function usZipCode(rng: Rng): string {
  if (!usZipCodes) {
    const table = createRequire(import.meta.url)('zipcodes') as { codes: Record<string, { country: string }> };
    usZipCodes = Object.keys(table.codes).filter((z) => /^\d{5}$/.test(z) && table.codes[z].country === 'US').sort();
  }
  return usZipCodes[rng.int(usZipCodes.length)];
}

function canadianPostalCode(rng: Rng): string {
  const letter = (): string => 'ABCEGHJKLMNPRSTVXY'[rng.int(18)];
  return `${letter()}${rng.int(10)}${letter()}${rng.int(10)}${letter()}`;
}

async function writeWhole(path: string, text: string, encoding: 'utf8' | 'latin1'): Promise<void> {
  const out = new TextFileWriter(path, encoding);
  out.push(text);
  await out.close();
}
