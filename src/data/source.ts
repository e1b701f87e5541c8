/**
 * Where datasets come from. A spec is a release name (`ml-100k`, `ml-1m`, `ml-latest-small`, `ml-latest`,
 * `ml-20m`, `ml-25m`), `synthetic[:format[:ratings]]`, a folder, or a `.zip`.
 *
 * Named releases are looked up in `$MAXELLA_DATA_DIR/<name>`, then `../shared/data/movielens/<name>` beside
 * the repository, then the cache, and are downloaded (checksummed) from GroupLens as a last resort. A folder
 * that lacks a required file is skipped, and the final error says which file was missing where.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MovieLensDataset } from './schema.ts';
import { cacheDir, writeAtomically } from './cache.ts';
import { downloadRelease, isReleaseName, MOVIELENS_RELEASES, OfflineError, type DownloadOptions } from './download.ts';
import { detectMovieLensFormat, requireFiles } from './readers/detect.ts';
import { BAD_ROW_POLICIES, readMovieLens, type BadRowPolicy } from './readers/index.ts';
import { DEFAULT_SYNTHETIC_SEED, planSizes, SYNTHETIC_FORMATS, writeSyntheticMovieLens, type SyntheticFormat } from './synthetic.ts';
import { extractZip } from './zip.ts';

/** Options of `resolveDataset` / `loadDataset`. */
export interface SourceOptions extends DownloadOptions {
  /** Never download; fail with what was found locally instead. */
  offline?: boolean;
  /** Overrides `$MAXELLA_DATA_DIR`. */
  dataDir?: string;
  /** Overrides `../shared/data/movielens` beside the repository. */
  sharedDir?: string;
  /** Seed of synthetic datasets (default 42). */
  seed?: number;
  /** What the readers do with bad rows (default `$MAXELLA_BAD_ROWS`, else 'fail'); see `readMovieLens`. */
  badRows?: BadRowPolicy;
}

/** `value` as a bad-row policy, or an error naming `source` (a flag or the environment variable). */
export function badRowPolicy(value: string, source = '--bad-rows'): BadRowPolicy {
  if (!(BAD_ROW_POLICIES as readonly string[]).includes(value)) throw new Error(`${source} must be one of ${BAD_ROW_POLICIES.join(', ')}, got "${value}"`);
  return value as BadRowPolicy;
}

/** The policy `$MAXELLA_BAD_ROWS` sets ('fail' when unset), so a retraining child process reads data as its parent did. */
export function badRowsFromEnv(): BadRowPolicy {
  const value = process.env.MAXELLA_BAD_ROWS;
  return value === undefined || value === '' ? 'fail' : badRowPolicy(value, 'MAXELLA_BAD_ROWS');
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The dev/CI folder of real releases beside the repository. */
export const SHARED_RELEASES_DIR = join(repoRoot, '..', 'shared', 'data', 'movielens');

/** Bumped whenever the generator's output changes, so cached synthetic folders are regenerated. */
const SYNTHETIC_VERSION = 2;

/** The folder holding the release files of `spec` (downloading, extracting or generating it when needed). */
export async function resolveDataset(spec: string, opts: SourceOptions = {}): Promise<string> {
  if (spec === 'synthetic' || spec.startsWith('synthetic:')) return resolveSynthetic(spec, opts);
  if (isReleaseName(spec)) return resolveRelease(spec, opts);
  if (spec.toLowerCase().endsWith('.zip') && existsSync(spec)) return resolveZip(spec, opts);
  if (existsSync(spec)) return completeFolder(spec);
  throw new Error(
    `unknown dataset "${spec}": expected one of ${MOVIELENS_RELEASES.join(', ')}, ` +
      `synthetic[:${SYNTHETIC_FORMATS.join('|')}[:ratings]], an existing folder or a .zip file`,
  );
}

/** Resolves `spec` and reads it into columns (`readMovieLens`). */
export async function loadDataset(spec: string, opts: SourceOptions = {}): Promise<MovieLensDataset> {
  const dir = await resolveDataset(spec, opts);
  const name = isReleaseName(spec) ? spec : spec.startsWith('synthetic') ? 'synthetic' : undefined;
  const badRows = opts.badRows ?? badRowsFromEnv();
  return readMovieLens(dir, name ? { name, badRows } : { badRows });
}

/** The places a named release may already be, in search order. */
export function releaseCandidates(name: string, opts: SourceOptions = {}): string[] {
  const dataDir = opts.dataDir ?? process.env.MAXELLA_DATA_DIR;
  return [dataDir && join(dataDir, name), join(opts.sharedDir ?? SHARED_RELEASES_DIR, name), join(cacheDir(opts), name)].filter(
    (p): p is string => Boolean(p),
  );
}

async function resolveRelease(name: string, opts: SourceOptions): Promise<string> {
  const skipped: string[] = [];
  for (const candidate of releaseCandidates(name, opts)) {
    if (!existsSync(candidate)) continue;
    const problem = incompleteReason(candidate);
    if (!problem) return detectMovieLensFormat(candidate).dir;
    skipped.push(problem);
  }
  const localNote = skipped.length ? ` (incomplete local copies skipped: ${skipped.join('; ')})` : '';
  if (opts.offline) {
    throw new Error(`${name} is not available offline: not found complete in ${releaseCandidates(name, opts).join(', ')}${localNote}`);
  }
  const target = join(cacheDir(opts), name);
  let zip: string | undefined;
  try {
    zip = await downloadRelease(name, opts);
    await rm(target, { recursive: true, force: true });
    await extractZip(zip, target);
  } catch (err) {
    if (zip) await rm(zip, { force: true }); // a zip that does not extract is not worth keeping
    const Kind = err instanceof OfflineError ? OfflineError : Error;
    throw new Kind(`${(err as Error).message}${localNote}`, { cause: err });
  }
  const problem = incompleteReason(target);
  if (problem) {
    await rm(target, { recursive: true, force: true });
    await rm(zip, { force: true });
    throw new Error(`downloaded ${name}, but ${problem}; removed it from the cache`);
  }
  return detectMovieLensFormat(target).dir;
}

async function resolveZip(zipPath: string, opts: SourceOptions): Promise<string> {
  const stat = statSync(zipPath);
  const key = createHash('sha256').update(`${resolve(zipPath)}:${stat.size}:${stat.mtimeMs}`).digest('hex').slice(0, 12);
  const target = join(cacheDir(opts), 'zips', `${basename(zipPath).replace(/\.zip$/i, '')}-${key}`);
  if (!existsSync(target)) await extractZip(zipPath, target);
  return completeFolder(target, `${zipPath}: `);
}

/** Parses `synthetic[:format[:ratings]]`. */
export function parseSyntheticSpec(spec: string): { format: SyntheticFormat; ratings?: number } {
  const [, format = '100k', ratingsText] = spec.split(':');
  if (!(SYNTHETIC_FORMATS as readonly string[]).includes(format)) {
    throw new Error(`bad dataset "${spec}": synthetic format must be one of ${SYNTHETIC_FORMATS.join(', ')}, got "${format}"`);
  }
  if (ratingsText === undefined) return { format: format as SyntheticFormat };
  const ratings = Number(ratingsText.replace(/_/g, ''));
  if (!Number.isInteger(ratings) || ratings < 1) throw new Error(`bad dataset "${spec}": ratings must be a positive integer, got "${ratingsText}"`);
  return { format: format as SyntheticFormat, ratings };
}

async function resolveSynthetic(spec: string, opts: SourceOptions): Promise<string> {
  const { format, ratings } = parseSyntheticSpec(spec);
  const seed = opts.seed ?? DEFAULT_SYNTHETIC_SEED;
  const target = join(cacheDir(opts), 'synthetic', `v${SYNTHETIC_VERSION}-${format}-${planSizes({ format, ratings }).ratings}-seed${seed}`);
  if (!existsSync(target)) await writeAtomically(target, async (temp) => void (await writeSyntheticMovieLens(temp, { format, ratings, seed })));
  return target;
}

/** Why `dir` is not a complete MovieLens folder (naming the missing file), or undefined when it is. */
export function incompleteReason(dir: string): string | undefined {
  try {
    const found = detectMovieLensFormat(dir);
    requireFiles(found.dir, found.format);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function completeFolder(dir: string, prefix = ''): string {
  const problem = incompleteReason(dir);
  if (problem) throw new Error(`${prefix}${problem}`);
  return detectMovieLensFormat(dir).dir;
}
