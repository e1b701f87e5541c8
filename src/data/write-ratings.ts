/**
 * Writes a subset of a release's ratings as a release folder of the same format (the other files
 * linked from the source), so the app or any tool can be trained on the training part of a split
 * exactly as a user would point it at a folder. Count files (ML-100K's `u.info`) are left out: they
 * describe the whole release.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { detectMovieLensFormat } from './readers/detect.ts';
import type { MovieLensDataset } from './schema.ts';

const RATINGS: Record<'100k' | '1m' | 'csv', { file: string; header?: string; line: (u: number, m: number, r: number, t: number) => string }> = {
  '100k': { file: 'u.data', line: (u, m, r, t) => `${u}\t${m}\t${r}\t${t}\n` },
  '1m': { file: 'ratings.dat', line: (u, m, r, t) => `${u}::${m}::${r}::${t}\n` },
  csv: { file: 'ratings.csv', header: 'userId,movieId,rating,timestamp\n', line: (u, m, r, t) => `${u},${m},${r},${t}\n` },
};
const LEFT_OUT = new Set(['u.info']);

/** Writes rating rows `rows` of `ds` (read from `sourceDir`) into `outDir` in the source's format. */
export async function writeRatingsFolder(sourceDir: string, ds: MovieLensDataset, rows: ArrayLike<number>, outDir: string): Promise<string> {
  const { format, dir } = detectMovieLensFormat(sourceDir);
  const spec = RATINGS[format];
  await mkdir(outDir, { recursive: true });
  for (const entry of await readdir(dir)) {
    if (entry !== spec.file && !LEFT_OUT.has(entry)) await symlink(resolve(dir, entry), join(outDir, entry));
  }
  const out = createWriteStream(join(outDir, spec.file));
  const { ratings, users, movies } = ds;
  let chunk = spec.header ?? '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    chunk += spec.line(users.id[ratings.user[r]], movies.id[ratings.movie[r]], ratings.rating[r], ratings.timestamp[r]);
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return outDir;
}
