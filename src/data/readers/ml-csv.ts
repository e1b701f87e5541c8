/**
 * The CSV releases (ml-latest, ml-latest-small, ml-20m, ml-25m): movies.csv, ratings.csv and, when
 * present, tags.csv and links.csv (UTF-8). They have no users file: users are the ids seen in ratings.
 */
import type { MovieLensDataset, Movies, Ratings, Tags, Users } from '../schema.ts';
import { BadRows } from './bad-rows.ts';
import { IdIndex } from './columns.ts';
import { forEachCsvRecord } from './csv.ts';
import { DataError } from './data-error.ts';
import { CSV_FILES } from './detect.ts';
import { joinPath as join, pathExists as existsSync } from './files.ts';
import { parseGenreList } from './genres.ts';
import { parseId, type ProgressTracker } from './lines.ts';
import { readRatingsFile } from './ratings.ts';

/** Reads movies.csv and, when present, links.csv (imdbId / tmdbId columns). */
export async function readCsvMovies(dir: string, progress?: ProgressTracker, bad = new BadRows()): Promise<Movies> {
  const path = join(dir, CSV_FILES.movies);
  const seen = new IdIndex();
  const titles: string[] = [];
  const masks: number[] = [];
  await forEachCsvRecord(
    path,
    ['movieId', 'title', 'genres'],
    (f, c, line) => {
      const id = parseId(f[c.movieId], 'movieId', path, line);
      const mask = parseGenreList(f[c.genres], path, line);
      if (seen.add(id) < 0) throw new DataError(path, line, `duplicate movieId ${id}`);
      titles.push(f[c.title].trim());
      masks.push(mask);
    },
    progress,
    bad,
  );
  const movies: Movies = { length: seen.size, id: Int32Array.from(seen.ids), title: titles, genres: Uint32Array.from(masks) };
  const links = join(dir, CSV_FILES.links);
  if (existsSync(links)) await readLinks(links, seen, movies, progress, bad);
  return movies;
}

async function readLinks(path: string, movieIndex: IdIndex, movies: Movies, progress: ProgressTracker | undefined, bad: BadRows): Promise<void> {
  const imdb = new Int32Array(movies.length);
  const tmdb = new Int32Array(movies.length);
  const linked = new Uint8Array(movies.length);
  const optionalId = (text: string, field: string, line: number): number => (text.trim() === '' ? 0 : parseId(text, field, path, line));
  await forEachCsvRecord(
    path,
    ['movieId', 'imdbId', 'tmdbId'],
    (f, c, line) => {
      const m = movieIndex.row(parseId(f[c.movieId], 'movieId', path, line));
      if (m < 0) throw new DataError(path, line, `unknown movieId ${f[c.movieId]} (not in movies.csv)`);
      if (linked[m]) throw new DataError(path, line, `duplicate movieId ${f[c.movieId]}`);
      const imdbId = optionalId(f[c.imdbId], 'imdbId', line);
      tmdb[m] = optionalId(f[c.tmdbId], 'tmdbId', line);
      imdb[m] = imdbId;
      linked[m] = 1;
    },
    progress,
    bad,
  );
  movies.imdbId = imdb;
  movies.tmdbId = tmdb;
}

/** Renumbers users so rows follow ascending id (ratings files are user-sorted, so this is usually a no-op). */
function usersInIdOrder(index: IdIndex, ratings: Ratings): Users {
  const order = index.ids.map((_, row) => row).sort((a, b) => index.ids[a] - index.ids[b]);
  const newRow = new Int32Array(order.length);
  order.forEach((oldRow, r) => (newRow[oldRow] = r));
  if (order.some((oldRow, r) => oldRow !== r)) for (let i = 0; i < ratings.length; i++) ratings.user[i] = newRow[ratings.user[i]];
  return { length: order.length, id: Int32Array.from(order, (r) => index.ids[r]) };
}

async function readTags(path: string, movieIndex: IdIndex, progress: ProgressTracker | undefined, bad: BadRows): Promise<Tags> {
  const userId: number[] = [];
  const movie: number[] = [];
  const tag: number[] = [];
  const timestamp: number[] = [];
  const vocabulary: string[] = [];
  const tagIds = new Map<string, number>();
  await forEachCsvRecord(
    path,
    ['userId', 'movieId', 'tag', 'timestamp'],
    (f, c, line) => {
      const user = parseId(f[c.userId], 'userId', path, line);
      const m = movieIndex.row(parseId(f[c.movieId], 'movieId', path, line));
      if (m < 0) throw new DataError(path, line, `unknown movieId ${f[c.movieId]} (not in movies.csv)`);
      const ts = Number(f[c.timestamp]);
      if (!/^\s*\d+\s*$/.test(f[c.timestamp])) throw new DataError(path, line, `timestamp ${JSON.stringify(f[c.timestamp])} is not a non-negative integer`);
      userId.push(user);
      movie.push(m);
      const text = f[c.tag];
      let id = tagIds.get(text);
      if (id === undefined) {
        id = vocabulary.push(text) - 1;
        tagIds.set(text, id);
      }
      tag.push(id);
      timestamp.push(ts);
    },
    progress,
    bad,
  );
  return {
    length: userId.length,
    userId: Int32Array.from(userId),
    movie: Int32Array.from(movie),
    tag: Int32Array.from(tag),
    vocabulary,
    timestamp: Float64Array.from(timestamp),
  };
}

/** Reads a whole CSV release. */
export async function readMlCsv(dir: string, name: string, progress?: ProgressTracker, bad = new BadRows()): Promise<MovieLensDataset> {
  const movies = await readCsvMovies(dir, progress, bad);
  const movieIndex = IdIndex.of(movies.id);
  const userIndex = new IdIndex();
  const ratings = await readRatingsFile(
    join(dir, CSV_FILES.ratings),
    { separator: ',', header: 'userId,movieId,rating,timestamp', scale: 'half', users: userIndex, addUnknownUsers: true, movies: movieIndex, typicalLineBytes: 26, bad },
    progress,
  );
  const users = usersInIdOrder(userIndex, ratings);
  const dataset: MovieLensDataset = { name, ratings, users, movies };
  const tags = join(dir, CSV_FILES.tags);
  if (existsSync(tags)) dataset.tags = await readTags(tags, movieIndex, progress, bad);
  return dataset;
}
