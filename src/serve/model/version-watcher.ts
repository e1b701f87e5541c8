/**
 * Follows the published model version: every replica polls `current.json` of the shared artifact
 * folder (written atomically by `maxella train` or a replica's background retraining) and, when it
 * names a version other than the one served, hands that folder to `load`, which builds the new
 * recommender beside the old one and swaps it in. Requests in flight finish on the model they
 * started with; the next ones get the new one. The folder's content is `load`'s business.
 */
import { join } from 'node:path';
import { currentVersion } from './artifact.ts';

/** Options of `VersionWatcher`. */
export interface VersionWatcherOptions {
  /** The shared artifact root holding `current.json` and the version folders. */
  artifacts: string;
  /** Poll interval in ms; 0 polls only when `check()` is called. */
  intervalMs: number;
  /** The version served now. */
  serving: () => string;
  /** Loads the version folder `dir` and makes it the one served. */
  load: (dir: string, version: string) => Promise<void>;
  log: (line: string) => void;
}

/** Polls the published version and switches to it; see the file comment. */
export class VersionWatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** A version that failed to load, with its error, so a broken one is reported once, not every poll. */
  private failed: { version: string; message: string } | undefined;

  constructor(private readonly opts: VersionWatcherOptions) {}

  /** Starts polling (no-op when the interval is 0). */
  start(): void {
    if (this.opts.intervalMs > 0 && !this.stopped) this.schedule();
  }

  /** Stops polling; resolves once a switch in progress is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Reads the pointer now and switches if it moved; concurrent calls share one check. */
  check(): Promise<void> {
    this.running ??= this.poll().finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.check().then(() => !this.stopped && this.schedule()), this.opts.intervalMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    const { artifacts, serving, load, log } = this.opts;
    let version: string | undefined;
    try {
      version = await currentVersion(artifacts);
    } catch (error) {
      this.report('current.json', `maxella: cannot read ${join(artifacts, 'current.json')} (${(error as Error).message}); still serving ${serving()}`);
      return;
    }
    if (!version || version === serving()) return;
    if (this.failed?.version === version) return;
    try {
      await load(join(artifacts, version), version);
      this.failed = undefined;
      log(`maxella: switched to model ${version} (published in ${join(artifacts, 'current.json')})`);
    } catch (error) {
      this.report(version, `maxella: published model ${version} cannot be loaded (${(error as Error).message}); still serving ${serving()}`);
    }
  }

  private report(version: string, message: string): void {
    if (this.failed?.version === version && this.failed.message === message) return;
    this.failed = { version, message };
    this.opts.log(message);
  }
}
