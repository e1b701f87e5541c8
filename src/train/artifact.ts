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
 * and extra files) still loads. Saving and `loadArtifact` need Node's file system; `fetchArtifact`
 * loads the same folder served over HTTP (in a browser, or in Node), with the same checks.
 */
import type { Model } from '../models/model.ts';
import type { Columns } from '../features/columns.ts';
import { nodeModule } from '../util/platform.ts';
import { sha256Hex } from '../util/sha256.ts';
import { parseWeights, writeWeights, type WeightEntry } from './weights-file.ts';

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
  /**
   * Verified paths of the extra files, by name (`<dir>/files/<name>`; pass to e.g. `HnswIndex.load`);
   * from `fetchArtifact`, their URLs.
   */
  extraFiles: Record<string, string>;
}

function maxellaVersion(): string {
  const { readFileSync } = nodeModule('node:fs', 'saveArtifact');
  const pkg = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

const NAME = /^[\w-][\w.-]*$/;

function checkName(kind: string, name: string): void {
  if (!NAME.test(name)) throw new Error(`saveArtifact: ${kind} name '${name}' must be letters, digits, '.', '-' or '_' (not starting with '.')`);
}

/** Runs each extra-file writer into `<temp>/files/` and returns the files each produced. */
async function writeExtraFiles(temp: string, writers: Record<string, ExtraFileWriter>): Promise<Record<string, string[]>> {
  const { mkdir, readdir } = nodeModule('node:fs/promises', 'saveArtifact');
  const { join } = nodeModule('node:path', 'saveArtifact');
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
  const { mkdir, readFile, rename, rm, writeFile } = nodeModule('node:fs/promises', 'saveArtifact');
  const { existsSync } = nodeModule('node:fs', 'saveArtifact');
  const { basename, dirname, join, resolve } = nodeModule('node:path', 'saveArtifact');
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
    for (const f of written) files[f] = await sha256Hex(await readFile(join(temp, f)));
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

/** Where an artifact's files come from: a folder (`loadArtifact`) or a URL (`fetchArtifact`). */
interface ArtifactSource {
  /** The folder or URL, for messages. */
  where: string;
  /** The file at `path` (relative to the artifact); an error naming it when it is absent. */
  read(path: string): Promise<Uint8Array>;
  /** Where the extra file `path` is, for its owner to open (a file path or a URL). */
  locate(path: string): string;
}

function folderSource(dir: string): ArtifactSource {
  const { readFile } = nodeModule('node:fs/promises', 'loadArtifact');
  const { existsSync } = nodeModule('node:fs', 'loadArtifact');
  const { join, resolve } = nodeModule('node:path', 'loadArtifact');
  return {
    where: dir,
    async read(path) {
      const full = join(dir, path);
      if (path === 'manifest.json' && !existsSync(full)) throw new Error(`${dir}: not a Maxella artifact (no manifest.json)`);
      if (!existsSync(full)) throw new Error(`${full}: missing (listed in manifest.json)`);
      const bytes = await readFile(full);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    locate: (path) => join(resolve(dir), path),
  };
}

function urlSource(url: string, fetchFile: typeof fetch): ArtifactSource {
  const base = url.endsWith('/') ? url : `${url}/`;
  return {
    where: url,
    async read(path) {
      const full = new URL(path, base).href;
      const response = await fetchFile(full);
      if (!response.ok) {
        const listed = path === 'manifest.json' ? 'not a Maxella artifact?' : 'listed in manifest.json';
        throw new Error(`${full}: HTTP ${response.status} ${response.statusText} (${listed})`);
      }
      return new Uint8Array(await response.arrayBuffer());
    },
    locate: (path) => new URL(path, base).href,
  };
}

const utf8 = new TextDecoder();
const readJson = async (source: ArtifactSource, path: string): Promise<unknown> => JSON.parse(utf8.decode(await source.read(path)));

/** Reads the manifest of `source` and checks its format and every file's checksum. */
async function verifiedManifest(source: ArtifactSource): Promise<ArtifactManifest> {
  const path = `${source.where}/manifest.json`;
  const manifest = (await readJson(source, 'manifest.json')) as ArtifactManifest;
  if (!READABLE_ARTIFACT_FORMATS.includes(manifest.format)) {
    throw new Error(`${path}: artifact format ${manifest.format} is not supported (this Maxella reads formats ${READABLE_ARTIFACT_FORMATS.join(', ')}); re-save it with a matching Maxella version`);
  }
  for (const [file, expected] of Object.entries(manifest.files)) {
    const actual = await sha256Hex(await source.read(file));
    if (actual !== expected) throw new Error(`${source.locate(file)}: checksum mismatch (file is corrupted or was modified): sha256 ${actual}, manifest says ${expected}`);
  }
  return manifest;
}

/** Reads and checks the manifest and checksums of the artifact in `dir` (does not build the model). */
export function readManifest(dir: string): Promise<ArtifactManifest> {
  return verifiedManifest(folderSource(dir));
}

/** Options of `loadArtifact` and `fetchArtifact`. */
export interface LoadArtifactOptions {
  /** Refuse an artifact of another class. */
  expectClass?: string;
  /** Builds models whose layers create weights lazily. */
  sample?: Columns;
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
export function loadArtifact<M extends Model = Model>(dir: string, options: LoadArtifactOptions = {}): Promise<LoadedArtifact<M>> {
  return loadFrom<M>(folderSource(dir), options);
}

/**
 * Loads the artifact folder served at `url` (e.g. `https://host/models/two-tower/`), with the same
 * checks as `loadArtifact`: works in a browser and in Node. Extra files come back as URLs.
 */
export function fetchArtifact<M extends Model = Model>(url: string, options: LoadArtifactOptions & { fetch?: typeof fetch } = {}): Promise<LoadedArtifact<M>> {
  return loadFrom<M>(urlSource(url, options.fetch ?? fetch), options);
}

async function loadFrom<M extends Model>(source: ArtifactSource, options: LoadArtifactOptions): Promise<LoadedArtifact<M>> {
  const { where } = source;
  const manifest = await verifiedManifest(source);
  if (options.expectClass && manifest.className !== options.expectClass) {
    throw new Error(`${where}: artifact holds a ${manifest.className}, expected a ${options.expectClass}`);
  }
  const factory = registry.get(manifest.className);
  if (!factory) {
    throw new Error(`${where}: model class '${manifest.className}' is not registered (known: ${registeredModels().join(', ') || 'none'}); import loadArtifact from src/models/index.ts, or import the class's module first`);
  }
  const model = factory(manifest.config as never) as M;
  if (options.sample) model.build(options.sample);
  model.setWeights(parseWeights((await readJson(source, 'weights.json')) as WeightEntry[], await source.read('weights.bin'), source.locate('weights.bin')));
  const extras: Record<string, unknown> = {};
  for (const name of manifest.extras) extras[name] = await readJson(source, `extras/${name}.json`);
  for (const name of manifest.binaryExtras ?? []) extras[name] = await source.read(`extras/${name}.bin`);
  const extraFiles = Object.fromEntries(Object.keys(manifest.extraFiles ?? {}).map((name) => [name, source.locate(`files/${name}`)]));
  return { model, manifest, extras, extraFiles };
}
