/** What the API routes share: the store, the catalogue, the model in use, tokens and counters. */
import type { Catalog } from '../recommender/catalog.ts';
import type { Recommender } from '../recommender/recommender.ts';
import type { MovieSearch } from '../recommender/search.ts';
import type { ServedLists } from '../recommender/served-lists.ts';
import type { Store } from '../store/types.ts';
import type { Authenticator } from './auth.ts';
import type { RequestMetrics } from './metrics.ts';

/** Progress of a background retraining. */
export interface RetrainStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** 0 … 1. */
  progress: number;
  message: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The version trained by the last successful run. */
  version: string | null;
}

/** Starts and reports background retraining. */
export interface Retrainer {
  status(): RetrainStatus;
  /** Starts a run; throws an ApiError 409 when one is running. */
  start(): RetrainStatus;
}

/** Holds the model in use; `swap` replaces it in one assignment, so a request sees one version. */
export class ModelSlot {
  constructor(private value: Recommender) {}

  get current(): Recommender {
    return this.value;
  }

  swap(next: Recommender): void {
    this.value = next;
  }
}

/** The server's shared state. */
export interface AppContext {
  store: Store;
  catalog: Catalog;
  search: MovieSearch;
  models: ModelSlot;
  auth: Authenticator;
  retrainer: Retrainer;
  metrics: RequestMetrics;
  /** Each user's last served top-10, for the online measure of the lists. */
  served: ServedLists;
  /** What the app runs on, e.g. "ml-100k" or "synthetic (no MovieLens data found)". */
  dataDescription: string;
  startedAt: Date;
}
