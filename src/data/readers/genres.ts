/** Parses '|'-separated genre lists (ML-1M movies.dat, movies.csv) into TFDS genre bit masks. */
import { DataError } from './data-error.ts';
import { tfdsGenreId } from './vocabularies.ts';

/** The TFDS genre bit mask of "Animation|Children's|Comedy" (unknown names throw a DataError). */
export function parseGenreList(text: string, file: string, line: number): number {
  let mask = 0;
  if (text.trim() === '') return mask;
  for (const name of text.split('|')) {
    const id = tfdsGenreId(name.trim());
    if (id < 0) throw new DataError(file, line, `unknown genre ${JSON.stringify(name)}`);
    mask |= 1 << id;
  }
  return mask >>> 0;
}
