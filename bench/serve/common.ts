/** Shared by the serving benchmarks: a model trained once per dataset, and one autocannon scenario. */
import autocannon from 'autocannon';
import { join } from 'node:path';
import { loadDataset } from '../../src/data/source.ts';
import { currentVersion, saveAppModels, setCurrentVersion } from '../../src/serve/model/artifact.ts';
import { trainAppModels } from '../../src/serve/model/train.ts';
import { terminalProgress } from '../../src/serve/progress.ts';

/** The benchmarks' scratch folder for `data`. */
export function benchRoot(data: string): string {
  return join('/tmp', 'maxella-bench', data.replace(/[^\w.-]/g, '_'));
}

/** The artifact folder of `data`'s default models, trained on first use and reused after. */
export async function ensureModel(data: string): Promise<string> {
  const artifacts = join(benchRoot(data), 'models');
  if (await currentVersion(artifacts)) return artifacts;
  const ds = await loadDataset(data);
  console.log(`bench: training the default models on ${ds.name} once (${ds.ratings.length} ratings)`);
  const progress = terminalProgress('training');
  const trained = await trainAppModels(ds, {}, progress.onProgress);
  progress.stop();
  const { manifest } = await saveAppModels(artifacts, ds, trained);
  await setCurrentVersion(artifacts, manifest.version);
  return artifacts;
}

/** One measured scenario. */
export interface LoadRow {
  scenario: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Runs autocannon over `paths` (cycled) against `base` and summarises. */
export async function measure(scenario: string, base: string, paths: string[], opts: { connections: number; duration: number; maxRequests: number }): Promise<LoadRow> {
  const result = await autocannon({
    url: base, connections: opts.connections, duration: opts.duration, maxOverallRequests: opts.maxRequests,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
  const row = {
    scenario, requests: result.requests.total, requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors + result.non2xx,
  };
  console.log(`bench: ${scenario}: ${row.requestsPerSecond} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.errors} errors`);
  return row;
}

/** GETs `url` as JSON, or throws with the status and body. */
export async function getJson(url: string, init?: RequestInit): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}
