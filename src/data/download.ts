/**
 * Downloads official MovieLens zips from GroupLens, verified against a checksum table kept in code.
 * The file is streamed to a temporary name inside the cache, hashed on the way, checked, and only then
 * renamed into place; a dropped connection or a checksum mismatch leaves nothing in the cache.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { cacheDir, writeAtomically } from './cache.ts';

/** The releases GroupLens publishes as `<base>/<name>.zip`. */
export const MOVIELENS_RELEASES = ['ml-100k', 'ml-1m', 'ml-latest-small', 'ml-latest', 'ml-20m', 'ml-25m'] as const;

/** A MovieLens release name. */
export type ReleaseName = (typeof MOVIELENS_RELEASES)[number];

/** Where GroupLens serves the zips. */
export const GROUPLENS_BASE_URL = 'https://files.grouplens.org/datasets/movielens';

/** What a downloaded zip must match; a missing field is not checked. */
export interface ExpectedChecksum {
  size?: number;
  sha256?: string;
  md5?: string;
}

/**
 * The official checksums. SHA-256 and sizes are TFDS's `url_checksums/movie_lens.txt`, MD5s are the
 * `<name>.zip.md5` files GroupLens publishes. `ml-latest` is re-released from time to time, so it has
 * no fixed checksum: it is verified by structure only (a readable zip holding ratings.csv and movies.csv).
 */
export const MOVIELENS_CHECKSUMS: Record<ReleaseName, ExpectedChecksum> = {
  'ml-100k': {
    size: 4924029,
    sha256: '50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229',
    md5: '0e33842e24a9c977be4e0107933c0723',
  },
  'ml-1m': {
    size: 5917549,
    sha256: 'a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20',
    md5: 'c4d9eecfca2ab87c1945afe126590906',
  },
  'ml-latest-small': {
    size: 978202,
    sha256: '696d65a3dfceac7c45750ad32df2c259311949efec81f0f144fdfb91ebc9e436',
  },
  'ml-latest': {},
  'ml-20m': {
    size: 198702078,
    sha256: '96f243c338a8665f6bcc89c53edf6ee39162a846940de6b7c8c48aeada765ff3',
    md5: 'cd245b17a1ae2cc31bb14903e1204af3',
  },
  'ml-25m': {
    size: 261978986,
    sha256: '8b21cfb7eb1706b4ec0aac894368d90acf26ebdfb6aced3ebd4ad5bd1eb9c6aa',
    md5: '6b51fb2759a8657d3bfcbfc42b592ada',
  },
};

/** Options of the download functions; `baseUrl` and `checksums` are injectable for tests. */
export interface DownloadOptions {
  cacheDir?: string;
  baseUrl?: string;
  checksums?: Partial<Record<string, ExpectedChecksum>>;
  /** Show a progress bar (default: when stderr is a TTY). */
  progress?: boolean;
}

/** Network failures that mean "no route to the server" rather than a bad answer. */
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

/** The error for a download that could not reach its server. */
export class OfflineError extends Error {}

/** True for the names in MOVIELENS_RELEASES. */
export function isReleaseName(name: string): name is ReleaseName {
  return (MOVIELENS_RELEASES as readonly string[]).includes(name);
}

/**
 * Downloads `<baseUrl>/<name>.zip` into `<cache>/downloads/<name>.zip` (unless already there) and returns
 * its path. The zip is verified before it is renamed into place.
 */
export async function downloadRelease(name: string, opts: DownloadOptions = {}): Promise<string> {
  const zipPath = join(cacheDir(opts), 'downloads', `${name}.zip`);
  if (await exists(zipPath)) return zipPath;
  const url = `${(opts.baseUrl ?? GROUPLENS_BASE_URL).replace(/\/$/, '')}/${name}.zip`;
  const table: Partial<Record<string, ExpectedChecksum>> = opts.checksums ?? MOVIELENS_CHECKSUMS;
  const expected = table[name] ?? {};
  return writeAtomically(zipPath, (temp) => downloadFile(url, temp, expected, opts.progress ?? process.stderr.isTTY));
}

/** Streams `url` into `dest`, then checks size and hashes against `expected` (throws on mismatch). */
export async function downloadFile(url: string, dest: string, expected: ExpectedChecksum, progress = false): Promise<void> {
  const response = await get(url);
  const total = Number(response.headers['content-length'] ?? expected.size ?? 0);
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  let received = 0;
  const bar = progress ? new cliProgress.SingleBar({ stream: process.stderr, format: `${url} [{bar}] {percentage}% {value}/{total} bytes` }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(total, 0);
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      sha256.update(chunk);
      md5.update(chunk);
      bar?.update(received);
      done(null, chunk);
    },
  });
  try {
    await pipeline(response, hasher, createWriteStream(dest));
  } catch (err) {
    throw new Error(`could not download ${url}: connection dropped after ${received} of ${total || '?'} bytes (${reason(err)})`);
  } finally {
    bar?.stop();
  }
  if (total && received < total) throw new Error(`could not download ${url}: connection dropped after ${received} of ${total} bytes`);
  verify(url, { size: received, sha256: sha256.digest('hex'), md5: md5.digest('hex') }, expected);
}

function verify(url: string, actual: Required<ExpectedChecksum>, expected: ExpectedChecksum): void {
  for (const key of ['size', 'sha256', 'md5'] as const) {
    const want = expected[key];
    if (want !== undefined && String(want).toLowerCase() !== String(actual[key])) {
      throw new Error(`corrupt download ${url}: ${key} mismatch, expected ${want} but got ${actual[key]}; the partial file was deleted`);
    }
  }
}

/** A GET that follows redirects and fails on non-2xx statuses and network errors. */
function get(url: string, redirects = 5): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const request = client.get(url, { timeout: 30_000 }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && redirects > 0) {
        res.resume();
        resolve(get(new URL(res.headers.location, url).toString(), redirects - 1));
      } else if (status < 200 || status >= 300) {
        res.resume();
        reject(new Error(`could not download ${url}: the server answered HTTP ${status}`));
      } else {
        resolve(res);
      }
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    request.on('error', (err) => reject(connectionError(url, err)));
  });
}

function connectionError(url: string, err: Error): Error {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const message = `could not download ${url}: ${reason(err)}`;
  if (!OFFLINE_CODES.has(code)) return new Error(message, { cause: err });
  return new OfflineError(`${message}; you are offline? pass a local folder with --data <dir> or use 'synthetic'`, { cause: err });
}

function reason(err: unknown): string {
  const { code, message } = err as NodeJS.ErrnoException;
  return code && !message.includes(code) ? `${code} ${message}` : message;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
