/**
 * Model artifacts: one folder that rebuilds a trained model in one call.
 *
 * ```
 * <dir>/manifest.json   { format, maxellaVersion, className, config, metrics, createdAt, files: { name: sha256 }, extras: [...] }
 * <dir>/weights.bin     float32 weights (dense variables and embedding tables, see Model.getWeights)
 * <dir>/weights.json    index: name, shape, offset, length of each array
 * <dir>/extras/<k>.json optional JSON blobs (vocabularies, encoder state: anything with toJSON)
 * ```
 * Written to a temporary sibling folder, then renamed over `dir` (readers never see half an
 * artifact). `loadArtifact` verifies every file's SHA-256 and the format version before reading, and
 * rebuilds the model through the class registry (`registerModel`).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Model } from '../models/model.ts';
import type { Columns } from '../features/columns.ts';
import { readWeights, writeWeights } from './weights-file.ts';

/** Version of the artifact layout; loading refuses other versions. */
export const ARTIFACT_FORMAT = 1;

/** A factory that rebuilds a model from its `getConfig()`. */
export type ModelFactory = (config: never) => Model;

const registry = new Map<string, ModelFactory>();

/** Makes `loadArtifact` able to rebuild models of `className` (call once per model class, at module load). */
export function registerModel(className: string, fromConfig: ModelFactory): void {
  registry.set(className, fromConfig);
}

/** The class names `loadArtifact` can rebuild. */
export function registeredModels(): string[] {
  return [...registry.keys()].sort();
}

/** The manifest of an artifact. */
export interface ArtifactManifest {
  format: number;
  maxellaVersion: string;
  className: string;
  config: unknown;
  metrics: Record<string, number>;
  createdAt: string;
  /** SHA-256 (hex) of every other file, by path relative to the artifact folder. */
  files: Record<string, string>;
  /** Names of the extra JSON blobs. */
  extras: string[];
}

/** What `loadArtifact` returns. */
export interface LoadedArtifact<M extends Model = Model> {
  model: M;
  manifest: ArtifactManifest;
  /** The extra JSON blobs, parsed (pass them to e.g. `StringLookup.fromJSON`). */
  extras: Record<string, unknown>;
}

function maxellaVersion(): string {
  const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Saves `model` (weights + config) and optional `extras` (JSON-serialisable, e.g. encoders' toJSON())
 * and `metrics` to `dir`, replacing any previous artifact there atomically.
 */
export async function saveArtifact(
  dir: string,
  model: Model,
  options: { extras?: Record<string, unknown>; metrics?: Record<string, number> } = {},
): Promise<ArtifactManifest> {
  const target = resolve(dir);
  const temp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  await mkdir(join(temp, 'extras'), { recursive: true });
  try {
    const written = await writeWeights(temp, 'weights', model.getWeights());
    const extras = Object.keys(options.extras ?? {});
    for (const name of extras) {
      if (!/^[\w.-]+$/.test(name)) throw new Error(`saveArtifact: extra name '${name}' must be letters, digits, '.', '-' or '_'`);
      await writeFile(join(temp, 'extras', `${name}.json`), JSON.stringify(options.extras![name]));
      written.push(`extras/${name}.json`);
    }
    const files: Record<string, string> = {};
    for (const f of written) files[f] = sha256(await readFile(join(temp, f)));
    const manifest: ArtifactManifest = {
      format: ARTIFACT_FORMAT,
      maxellaVersion: maxellaVersion(),
      className: model.className,
      config: model.getConfig(),
      metrics: options.metrics ?? {},
      createdAt: new Date().toISOString(),
      files,
      extras,
    };
    await writeFile(join(temp, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const old = `${temp}.old`;
    if (existsSync(target)) await rename(target, old);
    await rename(temp, target);
    await rm(old, { recursive: true, force: true });
    return manifest;
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}

/** Reads and checks the manifest and checksums of the artifact in `dir` (does not build the model). */
export async function readManifest(dir: string): Promise<ArtifactManifest> {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new Error(`${dir}: not a Maxella artifact (no manifest.json)`);
  const manifest = JSON.parse(await readFile(path, 'utf8')) as ArtifactManifest;
  if (manifest.format !== ARTIFACT_FORMAT) {
    throw new Error(`${path}: artifact format ${manifest.format} is not supported (this Maxella reads format ${ARTIFACT_FORMAT})`);
  }
  for (const [file, expected] of Object.entries(manifest.files)) {
    const full = join(dir, file);
    if (!existsSync(full)) throw new Error(`${full}: missing (listed in manifest.json)`);
    const actual = sha256(await readFile(full));
    if (actual !== expected) throw new Error(`${full}: checksum mismatch (file is corrupted or was modified): sha256 ${actual}, manifest says ${expected}`);
  }
  return manifest;
}

/**
 * Loads an artifact: verifies it, rebuilds the model of the recorded class through the registry,
 * restores its weights and returns it with the manifest and extras. `expectClass` refuses another
 * class; `sample` builds models whose layers create weights lazily.
 */
export async function loadArtifact<M extends Model = Model>(
  dir: string,
  options: { expectClass?: string; sample?: Columns } = {},
): Promise<LoadedArtifact<M>> {
  const manifest = await readManifest(dir);
  if (options.expectClass && manifest.className !== options.expectClass) {
    throw new Error(`${dir}: artifact holds a ${manifest.className}, expected a ${options.expectClass}`);
  }
  const factory = registry.get(manifest.className);
  if (!factory) {
    throw new Error(`${dir}: model class '${manifest.className}' is not registered (known: ${registeredModels().join(', ') || 'none'}); import its module first`);
  }
  const model = factory(manifest.config as never) as M;
  if (options.sample) model.build(options.sample);
  const weights = await readWeights(dir, 'weights');
  model.setWeights(weights);
  const extras: Record<string, unknown> = {};
  for (const name of manifest.extras) extras[name] = JSON.parse(await readFile(join(dir, 'extras', `${name}.json`), 'utf8'));
  return { model, manifest, extras };
}
