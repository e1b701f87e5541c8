/**
 * The Maxella app in one process: gets the data, opens the store, loads the model in use (training
 * the default models first when there is none), and serves the API and the UI.
 */
import type { FastifyInstance } from 'fastify';
import { dirname, join } from 'node:path';
import type { MovieLensDataset } from '../data/schema.ts';
import { adminTokenFrom, Authenticator } from './api/auth.ts';
import { ModelSlot, type AppContext } from './api/context.ts';
import { RequestMetrics } from './api/metrics.ts';
import { buildServer, type ServerOptions } from './api/server.ts';
import { loadAppModels, saveAppModels, setCurrentVersion } from './model/artifact.ts';
import { BackgroundRetrainer } from './model/retrainer.ts';
import { VersionWatcher } from './model/version-watcher.ts';
import { toServingModels } from './model/serving.ts';
import { trainAppModels, type AppTrainingOptions } from './model/train.ts';
import { loadAppData } from './data.ts';
import { terminalProgress } from './progress.ts';
import { Catalog } from './recommender/catalog.ts';
import { Recommender } from './recommender/recommender.ts';
import { MovieSearch } from './recommender/search.ts';
import { ServedLists } from './recommender/served-lists.ts';
import { checkFirstTraining, readCurrentVersion, unloadableModel } from './startup-checks.ts';
import { describeDb, openStore } from './store/open.ts';
import type { Store } from './store/types.ts';

/** Options of `startApp` (the `maxella start` flags). */
export interface AppOptions extends ServerOptions {
  /** Dataset spec (loadDataset); default ml-100k. */
  data: string;
  /** SQLite file or postgres:// URL. */
  db: string;
  /** Folder of model versions. */
  artifacts: string;
  port: number;
  host: string;
  /** Admin token; default $MAXELLA_ADMIN_TOKEN, else the one in `adminTokenFile`. */
  adminToken?: string;
  /** Where the admin token is kept (generated and printed once when missing); default `<artifacts>/../admin-token`. */
  adminTokenFile?: string;
  training?: Partial<AppTrainingOptions>;
  /**
   * How often (ms) to look for a newly published version in `artifacts/current.json` and switch to
   * it (replicas on a shared artifact folder, or `maxella train` beside a running server); default
   * 2000, 0 switches only after this process's own retraining.
   */
  modelPollMs?: number;
  log?: (line: string) => void;
}

/** A running app. */
export interface RunningApp {
  url: string;
  server: FastifyInstance;
  context: AppContext;
  adminToken: string;
  close(): Promise<void>;
}

/**
 * The model version in use under `artifacts`; trained now only on a first start. A model in use that
 * cannot be served, or one gone missing, stops start-up with the retrain command (startup-checks.ts).
 */
async function loadOrTrain(ds: MovieLensDataset, opts: AppOptions, store: Store, log: (line: string) => void): Promise<Recommender> {
  const catalog = new Catalog(ds);
  const version = readCurrentVersion(opts.artifacts, opts);
  if (version) {
    const dir = `${opts.artifacts}/${version}`;
    try {
      return new Recommender(catalog, toServingModels(await loadAppModels(dir), ds));
    } catch (error) {
      throw await unloadableModel(dir, error, store, opts);
    }
  }
  await checkFirstTraining(opts.artifacts, store, opts);
  log(`maxella: no trained model in ${opts.artifacts}; training the default models on ${ds.name} (once)`);
  const progress = terminalProgress('training');
  const trained = await trainAppModels(ds, opts.training, progress.onProgress);
  progress.stop();
  const saved = await saveAppModels(opts.artifacts, ds, trained);
  await setCurrentVersion(opts.artifacts, saved.manifest.version);
  return new Recommender(catalog, toServingModels(await loadAppModels(saved.dir), ds));
}

async function recordActive(store: Store, recommender: Recommender, path: string): Promise<void> {
  const { version, trainedAt, dataset, metrics } = recommender.models;
  await store.recordModel({ version, trainedAt, dataset, metrics, path, active: true });
}

/** Starts the app; resolves once it listens. */
export async function startApp(opts: AppOptions): Promise<RunningApp> {
  const log = opts.log ?? console.log;
  const data = await loadAppData(opts.data, log);
  const store = await openStore(opts.db);
  let recommender: Recommender;
  try {
    recommender = await loadOrTrain(data.ds, opts, store, log);
  } catch (error) {
    await store.close();
    throw error;
  }
  await recordActive(store, recommender, `${opts.artifacts}/${recommender.models.version}`);
  const admin = opts.adminToken ? { token: opts.adminToken, source: 'the caller', generated: false } : adminTokenFrom(opts.adminTokenFile ?? join(dirname(opts.artifacts), 'admin-token'));
  const adminToken = admin.token;
  const models = new ModelSlot(recommender);
  const watcher = new VersionWatcher({
    artifacts: opts.artifacts, intervalMs: opts.modelPollMs ?? 2000, serving: () => models.current.models.version, log,
    async load(dir) {
      const next = new Recommender(recommender.catalog, toServingModels(await loadAppModels(dir), data.ds));
      models.swap(next);
      await recordActive(store, next, dir);
    },
  });
  const retrainer = new BackgroundRetrainer({ data: data.spec, db: opts.db, artifacts: opts.artifacts, options: opts.training ?? {} }, async (_dir, version) => {
    // Publish first, then switch through the watcher: this replica and the others follow the same pointer.
    await setCurrentVersion(opts.artifacts, version);
    await watcher.check();
    if (models.current.models.version !== version) throw new Error(`${version} was published but could not be loaded (see the log)`);
    log(`maxella: retrained; now serving ${version}`);
  });
  const context: AppContext = {
    store, catalog: recommender.catalog, search: new MovieSearch(recommender.catalog), models,
    auth: new Authenticator(adminToken, store), retrainer, metrics: new RequestMetrics(), served: new ServedLists(),
    dataDescription: data.description, startedAt: new Date(),
  };
  const server = await buildServer(context, opts);
  const address = await server.listen({ port: opts.port, host: opts.host });
  watcher.start();
  const url = address.replace('127.0.0.1', 'localhost');
  log(`maxella: serving ${data.description} with model ${recommender.models.version} on ${store.kind} (${describeDb(opts.db)})`);
  log(`maxella: open ${url}  (API: ${url}/api, OpenAPI: ${url}/openapi.json)`);
  if (admin.generated) log(`maxella: new admin token (for writes and retraining), shown this once and kept in ${admin.source}: ${adminToken}`);
  else if (!opts.adminToken) log(`maxella: admin token from ${admin.source}`);
  return {
    url, server, context, adminToken,
    async close() {
      await watcher.stop();
      await server.close();
      await store.close();
    },
  };
}
