/**
 * File access for the readers. A path is a Node file path, or a path into a folder held in memory
 * (`memory:<n>/<folder name>/<file>`, made by `withMemoryFolder`): that is how files fetched in a browser, or
 * received by a server, are read by the same streaming readers with the same checks and messages.
 */
import { IN_NODE, nodeModule } from '../../util/platform.ts';

/** What is at a path: its kind and size in bytes. */
export interface PathInfo {
  kind: 'file' | 'folder' | 'device' | 'pipe' | 'other';
  size: number;
}

/** The contents of one file of an in-memory folder: bytes, or text (stored as UTF-8). */
export type FileContents = Uint8Array | string;

const MEMORY_PREFIX = 'memory:';
const folders = new Map<string, Map<string, Uint8Array>>();
let nextFolder = 1;

/** The in-memory folder and file name of `path`, when it is a `memory:` path. */
function inMemory(path: string): { files: Map<string, Uint8Array>; name: string } | undefined {
  if (!path.startsWith(MEMORY_PREFIX)) return undefined;
  const folder = folders.get(path);
  if (folder) return { files: folder, name: '' };
  const slash = path.lastIndexOf('/');
  const files = folders.get(path.slice(0, slash));
  return files ? { files, name: path.slice(slash + 1) } : undefined;
}

const fs = (): typeof import('node:fs') => nodeModule('node:fs', 'reading a MovieLens folder from disk');

/** What is at `path`, or undefined when nothing is. */
export function pathInfo(path: string): PathInfo | undefined {
  const memory = inMemory(path);
  if (memory) {
    if (memory.name === '') return { kind: 'folder', size: 0 };
    const bytes = memory.files.get(memory.name);
    return bytes ? { kind: 'file', size: bytes.length } : undefined;
  }
  if (path.startsWith(MEMORY_PREFIX)) return undefined;
  const stat = fs().statSync(path, { throwIfNoEntry: false });
  if (!stat) return undefined;
  const kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'device' : stat.isFIFO() ? 'pipe' : 'other';
  return { kind, size: stat.size };
}

/** True when something is at `path`. */
export function pathExists(path: string): boolean {
  return pathInfo(path) !== undefined;
}

/** The names in the folder `dir`. */
export function listFolder(dir: string): string[] {
  const memory = inMemory(dir);
  return memory ? [...memory.files.keys()] : fs().readdirSync(dir);
}

/** The bytes of `path` in chunks of up to `chunkBytes`, never the whole file at once (from disk). */
export async function* readChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<Uint8Array> {
  const memory = inMemory(path);
  if (memory) {
    const bytes = memory.files.get(memory.name);
    if (!bytes) throw new Error(`${path}: no such file`);
    for (let start = 0; start < bytes.length; start += chunkBytes) yield bytes.subarray(start, start + chunkBytes);
    return;
  }
  const stream = fs().createReadStream(path, { highWaterMark: chunkBytes });
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
  } finally {
    stream.destroy();
  }
}

/** The whole of a small file as latin-1 text. */
export function readSmallLatin1(path: string): string {
  const memory = inMemory(path);
  return memory ? latin1(memory.files.get(memory.name) ?? new Uint8Array(0), 0, Infinity) : fs().readFileSync(path, 'latin1');
}

/** `bytes[start, end)` decoded as ISO-8859-1 (each byte one code point, as Node's 'latin1'). */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  end = Math.min(end, bytes.length);
  if (IN_NODE && Buffer.isBuffer(bytes)) return bytes.toString('latin1', start, end);
  let text = '';
  for (let i = start; i < end; i += 8192) text += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 8192)));
  return text;
}

/** `dir` joined with `name` ('/' inside in-memory folders and browsers, the platform's separator on disk). */
export function joinPath(dir: string, name: string): string {
  if (dir.startsWith(MEMORY_PREFIX) || !IN_NODE) return `${dir.replace(/\/+$/, '')}/${name}`;
  return nodeModule('node:path', 'joinPath').join(dir, name);
}

/** The last part of `path`. */
export function baseName(path: string): string {
  return path.replace(/[/\\]+$/, '').split(/[/\\]/).pop() ?? path;
}

/**
 * Runs `read` on an in-memory folder holding `files` (name → contents) and forgets the folder after.
 * `name` becomes the folder's last path part (so `readMovieLens` names the dataset after it).
 */
export async function withMemoryFolder<T>(files: Record<string, FileContents>, name: string, read: (dir: string) => Promise<T>): Promise<T> {
  if (!/^[^/\\]+$/.test(name)) throw new Error(`withMemoryFolder: folder name '${name}' must be a plain name (no '/')`);
  const dir = `${MEMORY_PREFIX}${nextFolder++}/${name}`;
  const encoder = new TextEncoder();
  const contents = new Map<string, Uint8Array>();
  for (const [file, value] of Object.entries(files)) {
    if (file.includes('/') || file === '') throw new Error(`withMemoryFolder: file name '${file}' must be a plain name (no '/')`);
    contents.set(file, typeof value === 'string' ? encoder.encode(value) : value);
  }
  folders.set(dir, contents);
  try {
    return await read(dir);
  } finally {
    folders.delete(dir);
  }
}
