/**
 * MovieLens releases from files in memory or fetched over HTTP: how a browser (or a server that
 * received an upload) reads ML-100K and ML-1M, with the same readers, checks and messages as
 * `readMovieLens` on a folder. CSV releases (latest / 20M / 25M) are read from disk by `readMovieLens`.
 */
import type { MovieLensDataset } from '../schema.ts';
import { DataError } from './data-error.ts';
import { REQUIRED_FILES } from './detect.ts';
import { withMemoryFolder, type FileContents } from './files.ts';
import { readMl100k } from './ml-100k.ts';
import { readMl1m } from './ml-1m.ts';
import { readRelease, type ReadMovieLensOptions } from './release.ts';

const READERS = { '100k': readMl100k, '1m': readMl1m };

/** The optional files of each release worth fetching (genre and occupation lists, stated counts). */
const OPTIONAL_FETCHES = { '100k': ['u.genre', 'u.occupation', 'u.info'], '1m': ['README'] } as const;

/**
 * Reads an ML-100K or ML-1M release from its files by name (`{ 'u.data': bytes, 'u.item': bytes, ... }`,
 * bytes or text). The dataset is named `options.name`, else after the format ('ml-100k', 'ml-1m').
 */
export function readMovieLensFiles(files: Record<string, FileContents>, options: ReadMovieLensOptions = {}): Promise<MovieLensDataset> {
  const folder = options.name ?? ('u.data' in files || 'u.item' in files ? 'ml-100k' : 'ml-1m');
  return withMemoryFolder(files, folder, (dir) => readRelease(dir, options, READERS));
}

/** Options of `fetchMovieLens`. */
export interface FetchMovieLensOptions extends ReadMovieLensOptions {
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * Fetches an ML-100K or ML-1M release served as a folder at `url` (`<url>/u.data`, ... or
 * `<url>/ratings.dat`, ...) and reads it. The dataset is named after the URL's last part when it
 * starts with "ml-". A missing required file is a DataError naming its URL and HTTP status.
 */
export async function fetchMovieLens(url: string, options: FetchMovieLensOptions = {}): Promise<MovieLensDataset> {
  const get = options.fetch ?? fetch;
  const base = url.endsWith('/') ? url : `${url}/`;
  const fetchFile = async (name: string): Promise<{ name: string; status: number; bytes?: Uint8Array }> => {
    const response = await get(new URL(name, base).href);
    return { name, status: response.status, bytes: response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined };
  };
  const probe = await fetchFile(REQUIRED_FILES['100k'][0]);
  const format = probe.bytes ? '100k' : '1m';
  const rest = await Promise.all([...REQUIRED_FILES[format], ...OPTIONAL_FETCHES[format]].filter((f) => f !== probe.name).map(fetchFile));
  const files: Record<string, Uint8Array> = {};
  for (const file of [probe, ...rest]) {
    if (file.bytes) files[file.name] = file.bytes;
    else if ((REQUIRED_FILES[format] as readonly string[]).includes(file.name) && file !== probe) {
      const tried = format === '1m' ? ` (and ${new URL(probe.name, base).href} answered HTTP ${probe.status}, so it is not ML-100K either)` : '';
      throw new DataError(new URL(file.name, base).href, 0, `answered HTTP ${file.status}: not a MovieLens 100K or 1M folder${tried}`);
    }
  }
  const last = new URL(base).pathname.split('/').filter(Boolean).pop() ?? '';
  const name = options.name ?? (last.startsWith('ml-') ? last : `ml-${format}`);
  return withMemoryFolder(files, name, (dir) => readRelease(dir, options, READERS));
}
