/**
 * Hyper-parameter tuning in the spirit of keras-tuner: a search space (`int`, `float`, `choice`),
 * `RandomSearch` and `BayesianOptimization` (a Gaussian-process surrogate with expected improvement)
 * over an async objective. Trials are saved to `<directory>/trials.json` after each one (atomic write),
 * so a restarted search skips the finished trials; the best configuration goes to
 * `<directory>/best-config.json`. Early stopping is the objective's business: it trains as it likes
 * and may report per-epoch metrics through `trial.reportEpoch`.
 */
import { nodeModule } from '../util/platform.ts';
import { Rng } from '../util/random.ts';

/** Node's fs and path, for a tuner with a `directory` (a browser tuner keeps its trials in memory). */
const files = (): { fs: typeof import('node:fs'); path: typeof import('node:path') } => ({ fs: nodeModule('node:fs', 'a tuner directory'), path: nodeModule('node:path', 'a tuner directory') });

/** A hyper-parameter value. */
export type HpValue = number | string;
/** One configuration: a value per hyper-parameter name. */
export type HpConfig = Record<string, HpValue>;

/** One dimension of a search space. */
export type HpSpec =
  | { kind: 'int'; name: string; min: number; max: number; step: number }
  | { kind: 'float'; name: string; min: number; max: number; log: boolean }
  | { kind: 'choice'; name: string; values: HpValue[] };

/** A search space, built fluently: `new SearchSpace().int('dim', 16, 128, 16).float('lr', 1e-3, 1, { log: true })`. */
export class SearchSpace {
  readonly specs: HpSpec[] = [];

  /** An integer in [min, max] on a grid of `step`. */
  int(name: string, min: number, max: number, step = 1): this {
    if (!Number.isInteger(min) || !Number.isInteger(max) || !(max >= min) || !(step > 0)) throw new Error(`SearchSpace.int("${name}"): need integers min <= max and step > 0`);
    return this.add({ kind: 'int', name, min, max, step });
  }

  /** A real number in [min, max], sampled on a log scale when `log` (then min > 0). */
  float(name: string, min: number, max: number, opts: { log?: boolean } = {}): this {
    const log = opts.log ?? false;
    if (!(max >= min) || (log && !(min > 0))) throw new Error(`SearchSpace.float("${name}"): need min <= max${log ? ' and min > 0 for log scale' : ''}`);
    return this.add({ kind: 'float', name, min, max, log });
  }

  /** One of `values`. */
  choice(name: string, values: readonly HpValue[]): this {
    if (values.length === 0) throw new Error(`SearchSpace.choice("${name}"): needs at least one value`);
    return this.add({ kind: 'choice', name, values: [...values] });
  }

  /** The configuration at point `u` of the unit cube (one coordinate per spec). */
  decode(u: readonly number[]): HpConfig {
    const config: HpConfig = {};
    this.specs.forEach((s, i) => {
      const x = Math.min(Math.max(u[i], 0), 1);
      if (s.kind === 'int') {
        const steps = Math.floor((s.max - s.min) / s.step);
        config[s.name] = s.min + Math.min(Math.floor(x * (steps + 1)), steps) * s.step;
      } else if (s.kind === 'float') config[s.name] = x === 1 ? s.max : s.log ? s.min * (s.max / s.min) ** x : s.min + x * (s.max - s.min);
      else config[s.name] = s.values[Math.min(Math.floor(x * s.values.length), s.values.length - 1)];
    });
    return config;
  }

  /** The unit-cube point of a configuration (choices at the middle of their interval, like keras-tuner). */
  encode(config: HpConfig): number[] {
    return this.specs.map((s) => {
      const v = config[s.name];
      if (s.kind === 'choice') return (s.values.indexOf(v) + 0.5) / s.values.length;
      const x = Number(v);
      if (s.kind === 'float' && s.log) return s.max === s.min ? 0.5 : (Math.log(x) - Math.log(s.min)) / (Math.log(s.max) - Math.log(s.min));
      return s.max === s.min ? 0.5 : (x - s.min) / (s.max - s.min);
    });
  }

  /** A random configuration. */
  sample(rng: Rng): HpConfig {
    return this.decode(this.specs.map(() => rng.next()));
  }

  private add(spec: HpSpec): this {
    if (this.specs.some((s) => s.name === spec.name)) throw new Error(`SearchSpace: "${spec.name}" is defined twice`);
    this.specs.push(spec);
    return this;
  }
}

/** What an objective returns: the value to optimize, or it with extra metrics to record. */
export type ObjectiveResult = number | ({ value: number } & Record<string, number>);

/** The running trial, as the objective sees it. */
export interface TrialContext {
  id: string;
  index: number;
  /** A seed for this trial's training (derived from the tuner seed). */
  seed: number;
  /** Records a per-epoch metric (e.g. the validation loss), kept in the trial's history. */
  reportEpoch(metric: number): void;
}

/** An objective: trains and evaluates one configuration. */
export type Objective = (hp: HpConfig, trial: TrialContext) => Promise<ObjectiveResult>;

/** A finished trial. */
export interface TrialRecord {
  id: string;
  index: number;
  hp: HpConfig;
  status: 'completed' | 'failed';
  /** The objective value (null when failed). */
  value: number | null;
  metrics: Record<string, number>;
  history: number[];
  seconds: number;
  error?: string;
}

/** Options shared by the tuners. */
export interface TunerOptions {
  space: SearchSpace;
  objective: Objective;
  /** Minimize (default) or maximize the objective. */
  direction?: 'min' | 'max';
  maxTrials: number;
  seed?: number;
  /** Where `trials.json` and `best-config.json` are kept; without it nothing is saved. */
  directory?: string;
  /** Called after each trial. */
  onTrial?: (trial: TrialRecord) => void;
}

interface TrialsFile {
  format: 'maxella.tuner.trials';
  version: 1;
  direction: 'min' | 'max';
  space: HpSpec[];
  trials: TrialRecord[];
}

/** Writes JSON atomically (temporary file + rename), creating the folder. */
function writeJsonAtomic(path: string, value: unknown): void {
  const { fs, path: paths } = files();
  fs.mkdirSync(paths.dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  fs.renameSync(tmp, path);
}

/** Like keras-tuner's `max_consecutive_failed_trials`: the search stops after this many failures in a row. */
const MAX_CONSECUTIVE_FAILURES = 3;

const configKey = (hp: HpConfig): string => JSON.stringify(Object.entries(hp).sort(([a], [b]) => (a < b ? -1 : 1)));

/** The search loop, persistence and results; subclasses choose the next configuration. */
export abstract class Tuner {
  readonly space: SearchSpace;
  readonly direction: 'min' | 'max';
  readonly maxTrials: number;
  readonly seed: number;
  private readonly objective: Objective;
  private readonly directory: string | undefined;
  private readonly onTrial: ((trial: TrialRecord) => void) | undefined;
  private trials: TrialRecord[] = [];

  constructor(opts: TunerOptions) {
    if (opts.space.specs.length === 0) throw new Error('Tuner: the search space is empty');
    this.space = opts.space;
    this.objective = opts.objective;
    this.direction = opts.direction ?? 'min';
    this.maxTrials = opts.maxTrials;
    this.seed = opts.seed ?? 1;
    this.directory = opts.directory;
    this.onTrial = opts.onTrial;
    this.trials = this.loadTrials();
  }

  /** The next configuration to try, given the finished trials (`rng` is seeded per trial index). */
  protected abstract propose(rng: Rng, trials: readonly TrialRecord[]): HpConfig;

  /** Runs trials until `maxTrials` are finished (finished ones loaded from the directory count). */
  async search(): Promise<TrialRecord[]> {
    while (this.trials.length < this.maxTrials) {
      const index = this.trials.length;
      const rng = new Rng((this.seed * 1_000_003 + index * 7919) >>> 0);
      const hp = this.propose(rng, this.trials);
      const trial = await this.runTrial(index, hp, rng.int(2 ** 31));
      this.record(trial);
      const lastThree = this.trials.slice(-MAX_CONSECUTIVE_FAILURES);
      if (lastThree.length === MAX_CONSECUTIVE_FAILURES && lastThree.every((t) => t.status === 'failed')) {
        throw new Error(`Tuner: ${MAX_CONSECUTIVE_FAILURES} trials in a row failed; last error: ${trial.error}`);
      }
    }
    return this.results();
  }

  /** Every finished trial, best first (failed trials last). */
  results(): TrialRecord[] {
    const sign = this.direction === 'min' ? 1 : -1;
    return [...this.trials].sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : sign * (a.value - b.value)));
  }

  /** The best trial, or null before any completed. */
  bestTrial(): TrialRecord | null {
    const best = this.results()[0];
    return best?.status === 'completed' ? best : null;
  }

  /** The configuration of the best trial. */
  bestConfig(): HpConfig {
    const best = this.bestTrial();
    if (!best) throw new Error('Tuner: no completed trial yet');
    return { ...best.hp };
  }

  /** The results as a Markdown table, best first. */
  resultsTable(): string {
    const names = this.space.specs.map((s) => s.name);
    const metricNames = [...new Set(this.trials.flatMap((t) => Object.keys(t.metrics)))];
    const fmt = (v: HpValue | null | undefined): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : (v ?? ''));
    const rows = this.results().map((t) => [
      t.id,
      ...names.map((n) => fmt(t.hp[n])),
      t.status === 'failed' ? 'failed' : fmt(t.value),
      ...metricNames.map((m) => fmt(t.metrics[m])),
      t.seconds.toFixed(1),
    ]);
    const header = ['trial', ...names, `objective (${this.direction})`, ...metricNames, 'seconds'];
    return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  }

  /** True when `hp` was already tried. */
  protected tried(hp: HpConfig): boolean {
    const key = configKey(hp);
    return this.trials.some((t) => configKey(t.hp) === key);
  }

  private async runTrial(index: number, hp: HpConfig, seed: number): Promise<TrialRecord> {
    const history: number[] = [];
    const id = `trial-${String(index).padStart(3, '0')}`;
    const started = performance.now();
    const base = { id, index, hp, history };
    try {
      const result = await this.objective({ ...hp }, { id, index, seed, reportEpoch: (m) => void history.push(m) });
      const { value, ...metrics } = typeof result === 'number' ? { value: result } : result;
      if (!Number.isFinite(value)) throw new Error(`objective returned ${value}`);
      return { ...base, status: 'completed', value, metrics, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ...base, status: 'failed', value: null, metrics: {}, seconds: (performance.now() - started) / 1000, error: message };
    }
  }

  private record(trial: TrialRecord): void {
    this.trials.push(trial);
    if (this.directory) {
      const file: TrialsFile = { format: 'maxella.tuner.trials', version: 1, direction: this.direction, space: this.space.specs, trials: this.trials };
      const { join } = files().path;
      writeJsonAtomic(join(this.directory, 'trials.json'), file);
      const best = this.bestTrial();
      if (best) writeJsonAtomic(join(this.directory, 'best-config.json'), { trial: best.id, value: best.value, metrics: best.metrics, hp: best.hp });
    }
    this.onTrial?.(trial);
  }

  private loadTrials(): TrialRecord[] {
    if (!this.directory) return [];
    const { fs, path: paths } = files();
    const path = paths.join(this.directory, 'trials.json');
    if (!fs.existsSync(path)) return [];
    const file = JSON.parse(fs.readFileSync(path, 'utf8')) as TrialsFile;
    if (file.format !== 'maxella.tuner.trials' || file.version !== 1) throw new Error(`${path}: not a version-1 Maxella trials file`);
    if (JSON.stringify(file.space) !== JSON.stringify(this.space.specs) || file.direction !== this.direction) {
      throw new Error(`${path}: was written for another search space or direction; use a new directory or delete it`);
    }
    return file.trials;
  }
}

/** Samples configurations uniformly at random (skipping ones already tried when it can). */
export class RandomSearch extends Tuner {
  protected override propose(rng: Rng): HpConfig {
    return freshSample(this.space, rng, (hp) => this.tried(hp));
  }
}

/** A random configuration not tried yet (after 100 attempts, whatever comes: small spaces run out). */
function freshSample(space: SearchSpace, rng: Rng, tried: (hp: HpConfig) => boolean): HpConfig {
  let hp = space.sample(rng);
  for (let attempt = 0; attempt < 100 && tried(hp); attempt++) hp = space.sample(rng);
  return hp;
}

/** Options of `BayesianOptimization`. */
export interface BayesianOptions extends TunerOptions {
  /** Random trials before the surrogate is used (default: 3 per dimension, like keras-tuner, at least 3). */
  numInitialPoints?: number;
  /** Observation noise added to the kernel diagonal (keras-tuner's `alpha`, default 1e-4). */
  alpha?: number;
  /** Random candidates scored by expected improvement per proposal (default 2,000). */
  candidates?: number;
}

/**
 * Bayesian optimization: after `numInitialPoints` random trials, fits a Gaussian process (Matérn 5/2
 * kernel on the unit cube, length scale chosen by marginal likelihood from a small grid, standardized
 * targets) to the completed trials and tries the candidate with the largest expected improvement.
 */
export class BayesianOptimization extends Tuner {
  readonly numInitialPoints: number;
  readonly alpha: number;
  readonly candidates: number;

  constructor(opts: BayesianOptions) {
    super(opts);
    this.numInitialPoints = opts.numInitialPoints ?? Math.max(3, 3 * opts.space.specs.length);
    this.alpha = opts.alpha ?? 1e-4;
    this.candidates = opts.candidates ?? 2000;
  }

  protected override propose(rng: Rng, trials: readonly TrialRecord[]): HpConfig {
    const done = trials.filter((t) => t.status === 'completed');
    if (done.length < this.numInitialPoints) return freshSample(this.space, rng, (hp) => this.tried(hp));
    const sign = this.direction === 'min' ? 1 : -1;
    const gp = GaussianProcess.fit(done.map((t) => this.space.encode(t.hp)), done.map((t) => sign * t.value!), this.alpha);
    const dims = this.space.specs.length;
    const best = done.map((t) => this.space.encode(t.hp)).sort((a, b) => gp.mean(a) - gp.mean(b)).slice(0, 3);
    const points: number[][] = [];
    for (let i = 0; i < this.candidates; i++) {
      points.push(i % 4 === 3 ? best[i % best.length].map((x) => x + 0.05 * rng.normal()) : Array.from({ length: dims }, () => rng.next()));
    }
    const scored = points.map((p) => ({ p, ei: gp.expectedImprovement(p) })).sort((a, b) => b.ei - a.ei);
    for (const { p } of scored) {
      const hp = this.space.decode(p);
      if (!this.tried(hp)) return hp;
    }
    return freshSample(this.space, rng, (hp) => this.tried(hp));
  }
}

/** A Gaussian-process regressor (minimization view) over points of the unit cube. */
class GaussianProcess {
  private constructor(
    private readonly xs: number[][],
    private readonly lengthScale: number,
    private readonly chol: Float64Array[],
    private readonly weights: Float64Array,
    private readonly yBest: number,
  ) {}

  /** Fits standardized targets `ys` at `xs`, picking the length scale by log marginal likelihood. */
  static fit(xs: number[][], ys: number[], alpha: number): GaussianProcess {
    const mean = ys.reduce((s, y) => s + y, 0) / ys.length;
    const sd = Math.sqrt(ys.reduce((s, y) => s + (y - mean) ** 2, 0) / ys.length) || 1;
    const z = ys.map((y) => (y - mean) / sd);
    let best: { lml: number; gp: GaussianProcess } | null = null;
    for (const ls of [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2]) {
      const k = xs.map((a, i) => xs.map((b, j) => matern52(a, b, ls) + (i === j ? alpha + 1e-8 : 0)));
      const chol = cholesky(k);
      if (!chol) continue;
      const w = solveCholesky(chol, Float64Array.from(z));
      const lml = -0.5 * z.reduce((s, zi, i) => s + zi * w[i], 0) - chol.reduce((s, row, i) => s + Math.log(row[i]), 0);
      if (!best || lml > best.lml) best = { lml, gp: new GaussianProcess(xs, ls, chol, w, Math.min(...z)) };
    }
    if (!best) throw new Error('BayesianOptimization: the kernel matrix is not positive definite');
    return best.gp;
  }

  /** Posterior mean at `x` (standardized). */
  mean(x: readonly number[]): number {
    return this.xs.reduce((s, xi, i) => s + matern52(x, xi, this.lengthScale) * this.weights[i], 0);
  }

  /** Expected improvement below the best observation at `x` (xi = 0.01, as keras-tuner / skopt). */
  expectedImprovement(x: readonly number[]): number {
    const kx = Float64Array.from(this.xs, (xi) => matern52(x, xi, this.lengthScale));
    const mu = kx.reduce((s, k, i) => s + k * this.weights[i], 0);
    const v = forwardSubstitute(this.chol, kx);
    const sigma = Math.sqrt(Math.max(1 - v.reduce((s, vi) => s + vi * vi, 0), 1e-12));
    const gain = this.yBest - mu - 0.01;
    const u = gain / sigma;
    return gain * normalCdf(u) + sigma * Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
  }
}

function matern52(a: readonly number[], b: readonly number[], lengthScale: number): number {
  const r = Math.sqrt(a.reduce((s, ai, i) => s + (ai - b[i]) ** 2, 0)) / lengthScale;
  const s5 = Math.sqrt(5) * r;
  return (1 + s5 + (5 * r * r) / 3) * Math.exp(-s5);
}

/** Lower Cholesky factor of a symmetric matrix, or null when it is not positive definite. */
function cholesky(a: number[][]): Float64Array[] | null {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

/** Solves L v = b. */
function forwardSubstitute(l: Float64Array[], b: Float64Array): Float64Array {
  const v = new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * v[k];
    v[i] = s / l[i][i];
  }
  return v;
}

/** Solves (L Lᵀ) w = b. */
function solveCholesky(l: Float64Array[], b: Float64Array): Float64Array {
  const v = forwardSubstitute(l, b);
  const w = new Float64Array(b.length);
  for (let i = b.length - 1; i >= 0; i--) {
    let s = v[i];
    for (let k = i + 1; k < b.length; k++) s -= l[k][i] * w[k];
    w[i] = s / l[i][i];
  }
  return w;
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 erf, error < 1.5e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
