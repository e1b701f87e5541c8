import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../util/random.ts';
import { BayesianOptimization, RandomSearch, SearchSpace, type HpConfig } from './tuner.ts';

const space = (): SearchSpace => new SearchSpace().float('x', -5, 5).float('lr', 1e-4, 1, { log: true }).int('units', 8, 256, 8);
/** A quadratic bowl with its minimum 0 at x = 1.3, lr = 10^-2.5, units = 136. */
const bowl = async (hp: HpConfig): Promise<number> =>
  (Number(hp.x) - 1.3) ** 2 + (Math.log10(Number(hp.lr)) + 2.5) ** 2 + ((Number(hp.units) - 136) / 64) ** 2;

function withTempDir(run: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maxella-tuner-'));
    try {
      await run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('SearchSpace decodes the unit cube onto grids, log scales and choices, and encodes back', () => {
  const s = new SearchSpace().int('units', 16, 64, 16).float('lr', 1e-3, 1e-1, { log: true }).choice('act', ['relu', 'gelu']);
  assert.deepEqual(s.decode([0, 0, 0]), { units: 16, lr: 1e-3, act: 'relu' });
  assert.deepEqual(s.decode([1, 1, 1]), { units: 64, lr: 0.1, act: 'gelu' });
  assert.equal(s.decode([0.5, 0.5, 0.49]).units, 48);
  assert.ok(Math.abs(Number(s.decode([0.5, 0.5, 0]).lr) - 0.01) < 1e-12);
  assert.deepEqual(s.encode({ units: 64, lr: 0.01, act: 'gelu' }).map((x) => Number(x.toFixed(6))), [1, 0.5, 0.75]);
  const rng = new Rng(3);
  for (let i = 0; i < 50; i++) {
    const hp = s.sample(rng);
    assert.ok([16, 32, 48, 64].includes(Number(hp.units)) && Number(hp.lr) >= 1e-3 && Number(hp.lr) <= 0.1);
  }
  assert.throws(() => s.int('units', 1, 2), /defined twice/);
  assert.throws(() => new SearchSpace().float('lr', 0, 1, { log: true }), /min > 0/);
});

test('BayesianOptimization beats its random start and a random search of the same budget', async () => {
  for (const seed of [1, 2]) {
    const bo = await new BayesianOptimization({ space: space(), objective: bowl, maxTrials: 30, seed }).search();
    const firstRandom = Math.min(...bo.filter((t) => t.index < 9).map((t) => t.value!));
    const random = await new RandomSearch({ space: space(), objective: bowl, maxTrials: 30, seed }).search();
    assert.ok(bo[0].value! < firstRandom, `seed ${seed}: Bayesian best ${bo[0].value} vs first random ${firstRandom}`);
    assert.ok(bo[0].value! < random[0].value!, `seed ${seed}: Bayesian best ${bo[0].value} vs random search ${random[0].value}`);
    assert.ok(bo[0].index >= 9, 'the best trial came from the surrogate');
  }
});

test('a search resumes after a crash without rerunning finished trials', withTempDir(async (dir) => {
  const calls: string[] = [];
  let crashed: () => void = () => {};
  const crash = new Promise<void>((resolve) => (crashed = resolve));
  const counting = (crashAt: number) => async (hp: HpConfig, trial: { index: number }): Promise<number> => {
    if (trial.index === crashAt) {
      crashed();
      return new Promise<number>(() => {}); // the process "dies" in this trial: it never finishes
    }
    calls.push(JSON.stringify(hp));
    return bowl(hp);
  };
  const first = new BayesianOptimization({ space: space(), objective: counting(12), maxTrials: 16, seed: 5, directory: dir, numInitialPoints: 6 });
  void first.search();
  await crash;
  const saved = JSON.parse(readFileSync(join(dir, 'trials.json'), 'utf8'));
  assert.equal(saved.trials.length, 12);
  assert.equal(calls.length, 12);

  const resumed = await new BayesianOptimization({ space: space(), objective: counting(-1), maxTrials: 16, seed: 5, directory: dir, numInitialPoints: 6 }).search();
  assert.equal(calls.length, 16, 'only the 4 unfinished trials ran');
  assert.equal(resumed.length, 16);
  const uninterrupted: string[] = [];
  await new BayesianOptimization({ space: space(), objective: async (hp) => (uninterrupted.push(JSON.stringify(hp)), bowl(hp)), maxTrials: 16, seed: 5, numInitialPoints: 6 }).search();
  assert.deepEqual(calls, uninterrupted, 'a resumed search proposes what an uninterrupted one would');
  const best = JSON.parse(readFileSync(join(dir, 'best-config.json'), 'utf8'));
  assert.deepEqual(best.hp, resumed[0].hp);
  assert.ok(!existsSync(join(dir, `trials.json.tmp-${process.pid}`)));
  assert.throws(() => new RandomSearch({ space: new SearchSpace().int('other', 1, 3), objective: bowl, maxTrials: 2, directory: dir }), /another search space/);
}));

test('objectives report metrics and epochs, failures are recorded, results sort by direction', withTempDir(async (dir) => {
  const tuner = new RandomSearch({
    space: new SearchSpace().int('epochs', 1, 8).choice('dim', [32, 64]),
    direction: 'max',
    maxTrials: 6,
    seed: 9,
    directory: dir,
    objective: async (hp, trial) => {
      if (trial.index === 2) throw new Error('out of memory');
      const epochs = Number(hp.epochs);
      let best = 0;
      for (let e = 0; e < epochs; e++) {
        const metric = 1 - 1 / (e + 2);
        trial.reportEpoch(metric);
        if (metric < best + 0.05) break; // early stopping inside the objective
        best = metric;
      }
      return { value: best + Number(hp.dim) / 1000, epochsRun: trial.index };
    },
  });
  const results = await tuner.search();
  assert.equal(results.length, 6);
  assert.equal(results[5].status, 'failed');
  assert.match(results[5].error!, /out of memory/);
  const values = results.slice(0, 5).map((t) => t.value!);
  assert.deepEqual(values, [...values].sort((a, b) => b - a));
  assert.ok(results[0].history.length >= 1 && results[0].history.length <= Number(results[0].hp.epochs));
  assert.equal(typeof results[0].metrics.epochsRun, 'number');
  assert.deepEqual(tuner.bestConfig(), results[0].hp);
  assert.match(tuner.resultsTable().split('\n')[0], /\| trial \| epochs \| dim \| objective \(max\) \| epochsRun \| seconds \|/);
  await assert.rejects(new RandomSearch({ space: space(), maxTrials: 5, objective: async () => { throw new Error('bug'); } }).search(), /3 trials in a row failed; last error: bug/);
}));
