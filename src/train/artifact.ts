/**
 * Model artifacts: one folder that rebuilds a trained model in one call.
 *
 * ```
 * <dir>/manifest.json     { format, maxellaVersion, className, config, metrics, createdAt,
 *                          files: { path: sha256 }, extras: [...], binaryExtras: [...], extraFiles: { name: [paths] } }
 * <dir>/weights.bin       float32 weights (dense variables and embedding tables, see Model.getWeights)
 * <dir>/weights.json      index: name, shape, offset, length of each array
 * <dir>/extras/<k>.json   optional JSON blobs (vocabularies, encoder state: anything with toJSON)
 * <dir>/extras/<k>.bin    optional binary blobs (`Uint8Array` extras, e.g. `BruteForce.toBytes()`)
 * <dir>/files/<k>[.*]     optional files written by their owner (e.g. `HnswIndex.save`: graph + sidecar)
 * ```
 * Written to a temporary sibling folder, then renamed over `dir` (readers never see half an
 * artifact). `loadArtifact` verifies every file's SHA-256 and the format version before reading, and
 * rebuilds the model through the class registry (`registerModel`). Format 1 (before binary extras
 * and extra files) still loads.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Model } from '../models/model.ts';
import type { Columns } from '../features/columns.ts';
import { readWeights, writeWeights } from './weights-file.ts';

/** Version of the artifact layout written; loading accepts `READABLE_ARTIFACT_FORMATS`. */
export const ARTIFACT_FORMAT = 2;

/** Layout versions `loadArtifact` reads (1: JSON extras only; 2: adds binary extras and extra files). */
export const READABLE_ARTIFACT_FORMATS: readonly number[] = [1, 2];

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
  /** Names of the binary extras (`extras/<name>.bin`; format 2). */
  binaryExtras?: string[];
  /** Files each extra-file writer produced, by name (paths relative to the artifact; format 2). */
  extraFiles?: Record<string, string[]>;
}

/**
 * Writes one named extra file into an artifact being saved: `basePath` is `<temp>/files/<name>`; the
 * writer creates that file and may add sidecars named `<basePath>.<suffix>` (as `HnswIndex.save` does).
 */
export type ExtraFileWriter = (basePath: string) => Promise<void>;

/** What `saveArtifact` stores besides the model. */
export interface SaveArtifactOptions {
  /** Extras by name: `Uint8Array` values are written as `extras/<name>.bin`, anything else as JSON. */
  extras?: Record<string, unknown>;
  /** Files written by their owner (e.g. an ANN index), checksummed like every other file. */
  extraFiles?: Record<string, ExtraFileWriter>;
  metrics?: Record<string, number>;
}

/** What `loadArtifact` returns. */
export interface LoadedArtifact<M extends Model = Model> {
  model: M;
  manifest: ArtifactManifest;
  /** The extras: JSON blobs parsed (pass them to e.g. `StringLookup.fromJSON`), binary ones as `Uint8Array`. */
  extras: Record<string, unknown>;
  /** Verified paths of the extra files, by name (`<dir>/files/<name>`; pass to e.g. `HnswIndex.load`). */
  extraFiles: Record<string, string>;
}

function maxellaVersion(): string {
  const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const NAME = /^[\w-][\w.-]*$/;

function checkName(kind: string, name: string): void {
  if (!NAME.test(name)) throw new Error(`saveArtifact: ${kind} name '${name}' must be letters, digits, '.', '-' or '_' (not starting with '.')`);
}

/** Runs each extra-file writer into `<temp>/files/` and returns the files each produced. */
async function writeExtraFiles(temp: string, writers: Record<string, ExtraFileWriter>): Promise<Record<string, string[]>> {
  const produced: Record<string, string[]> = {};
  if (Object.keys(writers).length === 0) return produced;
  await mkdir(join(temp, 'files'), { recursive: true });
  for (const [name, write] of Object.entries(writers)) {
    checkName('extra file', name);
    const before = new Set(await readdir(join(temp, 'files')));
    await write(join(temp, 'files', name));
    const mine = (await readdir(join(temp, 'files'))).filter((f) => !before.has(f) && (f === name || f.startsWith(`${name}.`)));
    if (!mine.includes(name)) throw new Error(`saveArtifact: extra file writer '${name}' did not write files/${name}`);
    produced[name] = mine.sort().map((f) => `files/${f}`);
  }
  return produced;
}

/**
 * Saves `model` (weights + config), optional `extras` (JSON-serialisable values, e.g. encoders'
 * toJSON(), or `Uint8Array` blobs), `extraFiles` (writers of their own files, e.g. an ANN index) and
 * `metrics` to `dir`, replacing any previous artifact there atomically.
 */
export async function saveArtifact(dir: string, model: Model, options: SaveArtifactOptions = {}): Promise<ArtifactManifest> {
  const target = resolve(dir);
  const temp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  await mkdir(join(temp, 'extras'), { recursive: true });
  try {
    const written = await writeWeights(temp, 'weights', model.getWeights());
    const extras: string[] = [];
    const binaryExtras: string[] = [];
    for (const [name, value] of Object.entries(options.extras ?? {})) {
      checkName('extra', name);
      const binary = value instanceof Uint8Array;
      const file = `extras/${name}.${binary ? 'bin' : 'json'}`;
      await writeFile(join(temp, file), binary ? value : JSON.stringify(value));
      (binary ? binaryExtras : extras).push(name);
      written.push(file);
    }
    const extraFiles = await writeExtraFiles(temp, options.extraFiles ?? {});
    written.push(...Object.values(extraFiles).flat());
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
      binaryExtras,
      extraFiles,
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
  if (!READABLE_ARTIFACT_FORMATS.includes(manifest.format)) {
    throw new Error(`${path}: artifact format ${manifest.format} is not supported (this Maxella reads formats ${READABLE_ARTIFACT_FORMATS.join(', ')}); re-save it with a matching Maxella version`);
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
 * restores its weights and returns it with the manifest, extras and extra files. `expectClass`
 * refuses another class; `sample` builds models whose layers create weights lazily.
 *
 * Model classes register themselves when their module is imported (`registerModel` at the bottom of
 * e.g. `src/models/two-tower.ts`). Import `loadArtifact` from `src/models/index.ts` (which imports
 * every model module) to load any model without knowing its class; importing it from here only
 * knows the classes whose modules the program has already imported.
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
    throw new Error(`${dir}: model class '${manifest.className}' is not registered (known: ${registeredModels().join(', ') || 'none'}); import loadArtifact from src/models/index.ts, or import the class's module first`);
  }
  const model = factory(manifest.config as never) as M;
  if (options.sample) model.build(options.sample);
  const weights = await readWeights(dir, 'weights');
  model.setWeights(weights);
  const extras: Record<string, unknown> = {};
  for (const name of manifest.extras) extras[name] = JSON.parse(await readFile(join(dir, 'extras', `${name}.json`), 'utf8'));
  for (const name of manifest.binaryExtras ?? []) extras[name] = new Uint8Array(await readFile(join(dir, 'extras', `${name}.bin`)));
  const extraFiles = Object.fromEntries(Object.keys(manifest.extraFiles ?? {}).map((name) => [name, join(resolve(dir), 'files', name)]));
  return { model, manifest, extras, extraFiles };
}
