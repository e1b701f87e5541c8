/**
 * A synthetic movies_extrainfos.dat (the enrichment file of ML-1M) for a synthetic ML-1M folder: one
 * '::'-separated UTF-8 line (CRLF, as the real file) per movie of its movies.dat, with made-up people,
 * ratings, release dates and plots. For tests of the enrichment reader; never GroupLens data.
 */
import { join } from 'node:path';
import { forEachTextLine } from './readers/lines.ts';
import { TextFileWriter } from './text-writer.ts';
import { Rng } from '../util/random.ts';

/** The enrichment file's name. */
export const SYNTHETIC_EXTRA_INFOS_FILE = 'movies_extrainfos.dat';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MPAA = ['G', 'PG', 'PG-13', 'R', 'N/A'];
const NAMES = ['Ada Lind', 'Bo Reyes', 'Cy Okafor', 'Dee Marsh', 'Eli Novak', 'Fay Osei', 'Gus Tran', 'Hal Berg'];

/** Writes movies_extrainfos.dat into `dir` for the movies.dat there; returns the number of lines. */
export async function writeSyntheticExtraInfos(dir: string, seed = 42): Promise<number> {
  const rng = new Rng(seed ^ 0x5eed06);
  const out = new TextFileWriter(join(dir, SYNTHETIC_EXTRA_INFOS_FILE), 'utf8');
  const person = (): string => NAMES[rng.int(NAMES.length)];
  let lines = 0;
  const movies: [string, string, string][] = [];
  await forEachTextLine(join(dir, 'movies.dat'), 'latin1', (text) => {
    const [id, title, genres] = text.split('::');
    movies.push([id, title, genres]);
  });
  for (const [id, title, genres] of movies) {
    const year = /\((\d{4})\)\s*$/.exec(title)?.[1] ?? 'N/A';
    const date = year === 'N/A' ? 'N/A' : `${1 + rng.int(28)} ${MONTHS[rng.int(12)]} ${year}`;
    const name = title.replace(/\s*\(\d{4}\)\s*$/, '');
    const fields = [id, name, year, MPAA[rng.int(MPAA.length)], date, genres.split('|').join(', '), person(), `${person()} (screenplay)`, `${person()}, ${person()}`, `A synthetic plot about ${name}.`, 'N/A'];
    out.push(`${fields.join('::')}\r\n`);
    lines++;
    await out.flushIfFull();
  }
  await out.close();
  return lines;
}
