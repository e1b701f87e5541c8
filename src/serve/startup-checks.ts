/**
 * Start-up refuses bad state loudly, naming the file, instead of quietly serving something else:
 *
 * - a `current.json` that is not `{"version": "<folder>"}` is an error naming it;
 * - a model in use that cannot be loaded (missing, corrupted, or not for this data) is an error saying
 *   what is wrong and which command retrains it with the app's own ratings — never silently replaced
 *   by a model trained at start on the dataset alone, which would leave those ratings out;
 * - with no model in use, training at start happens only on a genuinely first start: when the store
 *   already holds ratings or a model record, or the folder holds trained versions, the model went
 *   missing, and start-up stops with the same retrain command.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeDb } from './store/open.ts';
import type { Store } from './store/types.ts';

/** A refusal to start, with a message that names the file and says what to do. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** Where the app's data, store and models are (the `serve` flags). */
export interface StartupPaths {
  data: string;
  db: string;
  artifacts: string;
}

const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/** The command that retrains the app's models on the dataset plus the ratings given in the app. */
export function retrainCommand(paths: StartupPaths): string {
  return `maxella train --data ${quote(paths.data)} --db ${quote(describeDb(paths.db))} --artifacts ${quote(paths.artifacts)}`;
}

/** A version folder name: no path separators, no "..". */
const VERSION_NAME = /^[A-Za-z0-9][\w.-]*$/;

/** The version `root/current.json` names (undefined when there is no such file); a malformed file is a StartupError naming it. */
export function readCurrentVersion(root: string, paths: StartupPaths): string | undefined {
  const path = join(root, 'current.json');
  if (!existsSync(path)) return undefined;
  let version: unknown;
  try {
    version = (JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown } | null)?.version;
  } catch (error) {
    throw new StartupError(`${path}: is not valid JSON (${(error as Error).message}); expected {"version": "<model folder>"}. ${fixCurrent(root, paths)}`);
  }
  if (typeof version !== 'string' || !VERSION_NAME.test(version)) {
    throw new StartupError(`${path}: names no model version (expected {"version": "<model folder>"}, got ${JSON.stringify(version) ?? 'nothing'}). ${fixCurrent(root, paths)}`);
  }
  return version;
}

function fixCurrent(root: string, paths: StartupPaths): string {
  const versions = trainedVersions(root);
  const pick = versions.length > 0 ? `Point it at one of the trained versions (${versions.slice(-3).join(', ')}), or retrain` : 'Retrain';
  return `${pick} with the app's ratings: ${retrainCommand(paths)}`;
}

/** The folders under `root` that hold a trained app model (an app.json), oldest name first. */
export function trainedVersions(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'app.json')))
    .map((e) => e.name)
    .sort();
}

/** What the store holds that a model trained on the dataset alone would leave out. */
async function appState(store: Store): Promise<{ ratings: number; activeModel?: string }> {
  const [ratings, active] = await Promise.all([store.countRatings(), store.activeModel()]);
  return { ratings, activeModel: active?.path };
}

/** The error for a model in use (`dir`) that failed to load or to serve this data with `cause`. */
export async function unloadableModel(dir: string, cause: unknown, store: Store, paths: StartupPaths): Promise<StartupError> {
  const { ratings } = await appState(store);
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StartupError(
    `${dir}: the model in use cannot be served: ${reason}. Not training a replacement at start on the dataset alone` +
      `${ratings > 0 ? ` (it would leave out the ${ratings} ratings given in the app)` : ''}. ` +
      `Retrain with the app's ratings: ${retrainCommand(paths)}`,
  );
}

/**
 * Resolves when training at start is a genuinely first start (no model in use, none trained, an
 * empty store); otherwise the model went missing, and this throws a StartupError saying so.
 */
export async function checkFirstTraining(root: string, store: Store, paths: StartupPaths): Promise<void> {
  const versions = trainedVersions(root);
  const { ratings, activeModel } = await appState(store);
  const signs: string[] = [];
  if (versions.length > 0) signs.push(`it holds trained versions (${versions.slice(-3).join(', ')})`);
  if (activeModel) signs.push(`the store ${describeDb(paths.db)} records ${activeModel} as the model in use`);
  if (ratings > 0) signs.push(`the store ${describeDb(paths.db)} holds ${ratings} ratings given in the app`);
  if (signs.length === 0) return;
  throw new StartupError(
    `${join(root, 'current.json')}: missing, so there is no model in use, but ${signs.join(', and ')}. ` +
      `Not training a replacement at start on the dataset alone. Retrain with the app's ratings: ${retrainCommand(paths)}`,
  );
}
