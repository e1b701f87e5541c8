/**
 * The binary weights format shared by artifacts and checkpoints: `<name>.bin` holds float32 arrays
 * back to back (little-endian); `<name>.json` indexes them as `{ name, shape, offset, length }`
 * (offset and length in float32 elements).
 */
import type { NamedWeight } from '../models/model.ts';
import { nodeModule } from '../util/platform.ts';

/** One entry of a weights index. */
export interface WeightEntry {
  name: string;
  shape: number[];
  offset: number;
  length: number;
}

/** Writes `weights` as `<base>.bin` + `<base>.json` in `dir`; returns the two file names. */
export async function writeWeights(dir: string, base: string, weights: NamedWeight[]): Promise<string[]> {
  const { writeFile } = nodeModule('node:fs/promises', 'writeWeights');
  const { join } = nodeModule('node:path', 'writeWeights');
  const total = weights.reduce((n, w) => n + w.data.length, 0);
  const all = new Float32Array(total);
  const index: WeightEntry[] = [];
  let offset = 0;
  for (const w of weights) {
    all.set(w.data, offset);
    index.push({ name: w.name, shape: w.shape, offset, length: w.data.length });
    offset += w.data.length;
  }
  await writeFile(join(dir, `${base}.bin`), new Uint8Array(all.buffer));
  await writeFile(join(dir, `${base}.json`), JSON.stringify(index, null, 1));
  return [`${base}.bin`, `${base}.json`];
}

/** Reads weights written by `writeWeights`, checking that the index matches the binary's size. */
export async function readWeights(dir: string, base: string): Promise<NamedWeight[]> {
  const { readFile } = nodeModule('node:fs/promises', 'readWeights');
  const { join } = nodeModule('node:path', 'readWeights');
  const binPath = join(dir, `${base}.bin`);
  return parseWeights(JSON.parse(await readFile(join(dir, `${base}.json`), 'utf8')) as WeightEntry[], await readFile(binPath), binPath);
}

/** The weights of a `.bin` file's `bytes` as its `index` lists them; `where` names the file in errors. */
export function parseWeights(index: WeightEntry[], bytes: Uint8Array, where: string): NamedWeight[] {
  if (bytes.byteLength % 4 !== 0) throw new Error(`${where}: size ${bytes.byteLength} is not a multiple of 4`);
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return index.map((e) => {
    if (e.offset + e.length > all.length) throw new Error(`${where}: weight '${e.name}' extends past the end of the file`);
    return { name: e.name, shape: e.shape, data: all.slice(e.offset, e.offset + e.length) };
  });
}
