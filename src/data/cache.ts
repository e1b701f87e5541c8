/**
 * The Maxella cache folder and the atomic-write helpers every source uses: whatever goes into the
 * cache is first written under a temporary name beside its final place, then renamed, so an
 * interrupted download, extraction or generation never leaves a half-written entry behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import envPaths from 'env-paths';

/** The cache folder: `opts.cacheDir`, else `$MAXELLA_CACHE_DIR`, else the XDG user cache (`~/.cache/maxella`). */
export function cacheDir(opts: { cacheDir?: string } = {}): string {
  return opts.cacheDir ?? process.env.MAXELLA_CACHE_DIR ?? envPaths('maxella', { suffix: '' }).cache;
}

/** A fresh temporary path beside `finalPath` (same folder, so the final rename is atomic). */
export function tempPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.tmp-${basename(finalPath)}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** True for the temporary names `tempPathFor` makes (they are never complete cache entries). */
export function isTempName(name: string): boolean {
  return name.startsWith('.tmp-');
}

/**
 * Produces `finalPath` atomically: `build(tempPath)` writes a file or folder at `tempPath`, which is then
 * renamed to `finalPath`. On any error the temporary path is removed and the error rethrown.
 * If `finalPath` appeared meanwhile (another process won the race), the new copy is discarded.
 */
export async function writeAtomically(finalPath: string, build: (tempPath: string) => Promise<void>): Promise<string> {
  await mkdir(dirname(finalPath), { recursive: true });
  const temp = tempPathFor(finalPath);
  try {
    await build(temp);
    try {
      await rename(temp, finalPath);
    } catch (err) {
      if (!isAlreadyThere(err)) throw err;
      await rm(temp, { recursive: true, force: true });
    }
    return finalPath;
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}

function isAlreadyThere(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST';
}
