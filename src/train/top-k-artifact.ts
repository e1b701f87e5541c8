/**
 * Saves and loads top-K recommenders (src/models/top-k.ts) as a folder:
 *
 * ```
 * <dir>/model.json     { format, className, config, arrays: [{ name, dtype }], metrics, files: { path: sha256 } }
 * <dir>/arrays.bin     the model's arrays back to back (float32, or int32 stored bit for bit)
 * <dir>/arrays.json    index: name, shape, offset, length (the weights-file format)
 * ```
 * Written to a temporary sibling and renamed; loading verifies every checksum first.
 */
import { rebuildTopKModel, type TopKRecommender } from '../models/top-k.ts';
import { nodeModule } from '../util/platform.ts';
import { sha256Hex as sha256 } from '../util/sha256.ts';
import { readWeights, writeWeights } from './weights-file.ts';

const FORMAT = 'maxella.top-k-model/1';

interface TopKManifest {
  format: string;
  className: string;
  config: Record<string, unknown>;
  arrays: { name: string; dtype: 'float32' | 'int32' }[];
  metrics: Record<string, number>;
  files: Record<string, string>;
}

/** Saves `model` (and the `metrics` it scored) to `dir`, replacing what was there atomically. */
export async function saveTopKModel(dir: string, model: TopKRecommender, metrics: Record<string, number> = {}): Promise<void> {
  const { mkdir, readFile, rename, rm, writeFile } = nodeModule('node:fs/promises', 'saveTopKModel');
  const { basename, dirname, join, resolve } = nodeModule('node:path', 'saveTopKModel');
  const target = resolve(dir);
  const temp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  const arrays = Object.entries(model.getArrays());
  const written = await writeWeights(temp, 'arrays', arrays.map(([name, data]) => ({
    name, shape: [data.length], data: data instanceof Float32Array ? data : new Float32Array(data.buffer, data.byteOffset, data.length),
  })));
  const files: Record<string, string> = {};
  for (const f of written) files[f] = await sha256(await readFile(join(temp, f)));
  const manifest: TopKManifest = {
    format: FORMAT, className: model.className, config: model.getConfig(), metrics, files,
    arrays: arrays.map(([name, data]) => ({ name, dtype: data instanceof Int32Array ? 'int32' : 'float32' })),
  };
  await writeFile(join(temp, 'model.json'), JSON.stringify(manifest, null, 1));
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
}

/** Loads a model saved by `saveTopKModel`, verifying its files; errors name the file at fault. */
export async function loadTopKModel(dir: string): Promise<{ model: TopKRecommender; metrics: Record<string, number> }> {
  const { readFile } = nodeModule('node:fs/promises', 'loadTopKModel');
  const { existsSync } = nodeModule('node:fs', 'loadTopKModel');
  const { join } = nodeModule('node:path', 'loadTopKModel');
  const path = join(dir, 'model.json');
  if (!existsSync(path)) throw new Error(`${dir}: not a Maxella top-K model (no model.json)`);
  let manifest: TopKManifest;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as TopKManifest;
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (manifest.format !== FORMAT) throw new Error(`${path}: format '${manifest.format}' is not supported (expected ${FORMAT})`);
  for (const [file, expected] of Object.entries(manifest.files)) {
    const full = join(dir, file);
    if (!existsSync(full)) throw new Error(`${full}: missing (listed in model.json)`);
    if ((await sha256(await readFile(full))) !== expected) throw new Error(`${full}: checksum mismatch (corrupted or modified)`);
  }
  const stored = new Map((await readWeights(dir, 'arrays')).map((w) => [w.name, w.data]));
  const arrays: Record<string, Float32Array | Int32Array> = {};
  for (const { name, dtype } of manifest.arrays) {
    const data = stored.get(name);
    if (!data) throw new Error(`${join(dir, 'arrays.json')}: array '${name}' is missing`);
    arrays[name] = dtype === 'int32' ? new Int32Array(data.buffer, data.byteOffset, data.length) : data;
  }
  return { model: rebuildTopKModel(manifest.className, manifest.config, arrays), metrics: manifest.metrics };
}
