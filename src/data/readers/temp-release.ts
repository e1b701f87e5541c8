/** Small MovieLens-shaped folders written to a temp dir, for tests of readers and error messages. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes `files` (name → contents) into a fresh temp folder and returns its path. */
export function writeTempRelease(files: Record<string, string | Buffer>, prefix = 'maxella-release-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(dir, name), contents);
  return dir;
}

/** Removes a folder made by `writeTempRelease`. */
export function removeTempRelease(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A tiny valid ML-100K release (2 users, 2 movies, 3 ratings); override files to break it. */
export function tiny100k(overrides: Record<string, string | Buffer> = {}): Record<string, string | Buffer> {
  const flags = (on: number[]): string => Array.from({ length: 19 }, (_, g) => (on.includes(g) ? '1' : '0')).join('|');
  return {
    'u.data': '1\t10\t3\t881250949\n2\t10\t5\t881250950\n2\t20\t1\t881250951\n',
    'u.item': `10|Toy Story (1995)|01-Jan-1995||http://x|${flags([3, 4, 5])}\n20|Cité, La (1996)|02-Feb-1996||http://y|${flags([0])}\n`,
    'u.user': '1|24|M|technician|85711\n2|53|F|other|T8H1N\n',
    ...overrides,
  };
}

/** A tiny valid ML-1M release. */
export function tiny1m(overrides: Record<string, string | Buffer> = {}): Record<string, string | Buffer> {
  return {
    'ratings.dat': '1::1::5::978300760\n2::2::3::978302109\n',
    'movies.dat': "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Jumanji (1995)::Adventure|Children's|Fantasy\n",
    'users.dat': '1::F::1::10::48067\n2::M::56::16::70072-1234\n',
    ...overrides,
  };
}

/** A tiny valid CSV release (ml-latest style) with tags and links. */
export function tinyCsv(overrides: Record<string, string | Buffer> = {}): Record<string, string | Buffer> {
  return {
    'movies.csv': 'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n2,"American President, The (1995)",Comedy|Drama|Romance\n3,Unnamed,(no genres listed)\n',
    'ratings.csv': 'userId,movieId,rating,timestamp\n7,1,4.0,964982703\n7,2,3.5,964981247\n3,3,0.5,964982224\n',
    'tags.csv': 'userId,movieId,tag,timestamp\n99,2,"funny, sweet",1445714994\n99,1,pixar,1445714996\n5,2,pixar,1445715000\n',
    'links.csv': 'movieId,imdbId,tmdbId\n1,0114709,862\n2,0112346,9087\n3,0000001,\n',
    ...overrides,
  };
}
