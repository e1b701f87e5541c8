/**
 * Zip extraction into the cache (yauzl): entries are streamed into a temporary folder that is renamed
 * into place once complete. Paths that would escape the folder (zip-slip) are refused, and a truncated
 * or corrupt archive gives an error naming the zip.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { writeAtomically } from './cache.ts';

/**
 * Extracts `zipPath` into `destDir` atomically and returns `destDir`. When the archive holds a single
 * top-level folder (as GroupLens zips do: `ml-100k/u.data`, ...), that folder's content becomes `destDir`.
 */
export async function extractZip(zipPath: string, destDir: string): Promise<string> {
  return writeAtomically(destDir, async (temp) => {
    await mkdir(temp, { recursive: true });
    try {
      await extractEntries(zipPath, temp);
    } catch (err) {
      throw new Error(`corrupt or truncated zip ${zipPath}: ${(err as Error).message}`, { cause: err });
    }
    await hoistSingleFolder(temp);
  });
}

/** The safe relative path of a zip entry inside the extraction folder, or an error for zip-slip names. */
export function safeEntryPath(name: string): string {
  const cleaned = normalize(name.replace(/\\/g, '/'));
  if (isAbsolute(cleaned) || /^[a-zA-Z]:/.test(cleaned) || cleaned === '..' || cleaned.startsWith(`..${sep}`)) {
    throw new Error(`unsafe entry path "${name}" (it would be written outside the extraction folder)`);
  }
  return cleaned;
}

function extractEntries(zipPath: string, dest: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (openErr, zip) => {
      if (openErr) return reject(openErr);
      const fail = (err: Error): void => {
        zip.close();
        reject(err);
      };
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        writeEntry(zip, entry, dest).then(() => zip.readEntry(), fail);
      });
      zip.readEntry();
    });
  });
}

async function writeEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, dest: string): Promise<void> {
  const target = join(dest, safeEntryPath(entry.fileName));
  if (entry.fileName.endsWith('/')) {
    await mkdir(target, { recursive: true });
    return;
  }
  await mkdir(dirname(target), { recursive: true });
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
    zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s)));
  });
  try {
    await pipeline(stream, createWriteStream(target));
  } catch (err) {
    throw new Error(`entry ${entry.fileName}: ${(err as Error).message}`, { cause: err });
  }
}

/** If `dir` holds only one folder (ignoring macOS metadata), moves that folder's content up into `dir`. */
async function hoistSingleFolder(dir: string): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.name !== '__MACOSX');
  if (entries.length !== 1 || !entries[0].isDirectory()) return;
  const inner = join(dir, entries[0].name);
  for (const name of await readdir(inner)) await rename(join(inner, name), join(dir, name));
  await rm(inner, { recursive: true });
  await rm(join(dir, '__MACOSX'), { recursive: true, force: true });
}
