/**
 * Context for the reader: a biased matrix-factorization (ALS) baseline on the 80/20 split and the
 * standard ML-100K u1–u5 five-fold RMSE, so Maxella's numbers compare with the literature.
 */
import { foldSplit, randomSplit } from '../data/splits.ts';
import { BiasedMatrixFactorization, DEFAULT_ALS_CONFIG, ratingTriples, type AlsConfig } from '../models/matrix-factorization.ts';
import { barChart, lineChart, type SeriesPoint } from './charts.ts';
import { RMSE_COLUMN } from './columns.ts';
import { DESIGN_REFERENCES } from './seed-numbers.ts';
import { bySize, meanStd, repeatRuns } from './stats.ts';
import type { MovieLensDataset } from '../data/schema.ts';
import type { Experiment, TableRow } from './types.ts';

const RMSE_COLUMNS = [RMSE_COLUMN];

function alsSettings(c: AlsConfig): string {
  return `k=${c.factors}, λ=${c.regularization}${c.weightedRegularization ? '·n' : ''}, λ_bias=${c.biasRegularization}, ${c.iterations} iterations`;
}

/** Trains ALS on `train` rows and returns test RMSE, recording the test curve per iteration. */
function trainAndScore(ds: MovieLensDataset, train: Int32Array, test: Int32Array, config: AlsConfig, curve?: SeriesPoint[], series = '') {
  const t = ratingTriples(ds, test);
  const model = BiasedMatrixFactorization.fit(ratingTriples(ds, train), config, (it, m) => {
    curve?.push({ series, x: it, y: m.rmse(t.user, t.movie, t.rating) });
  });
  return model.rmse(t.user, t.movie, t.rating);
}

/** The `baselines` experiment. */
export const baselines: Experiment = {
  name: 'baselines',
  title: 'Baselines: biased matrix factorization (ALS) and the u1–u5 folds',
  description: 'Biased ALS on the 80/20 split and the ML-100K u1–u5 five-fold RMSE, for comparison with the literature.',
  async run(ctx) {
    const config: AlsConfig = { ...DEFAULT_ALS_CONFIG, iterations: bySize(ctx.mode, DEFAULT_ALS_CONFIG.iterations, 3) };
    const split = randomSplit(ctx.dataset.ratings.length, [0.8, 0.2], 42);
    const curve: SeriesPoint[] = [];
    const random = await repeatRuns(ctx, ctx.runs, async (seed) => ({
      metrics: { rmse: trainAndScore(ctx.dataset, split.train, split.test, { ...config, seed }, seed === ctx.seed ? curve : undefined, '80/20 test') },
    }));
    const trainMean = ratingTriples(ctx.dataset, split.train).rating.reduce((a, b) => a + b, 0) / split.train.length;
    const testRatings = ratingTriples(ctx.dataset, split.test).rating;
    const meanRmse = Math.sqrt(testRatings.reduce((s, r) => s + (r - trainMean) ** 2, 0) / testRatings.length);
    const rows: TableRow[] = [
      { label: 'Global mean', settings: '80/20 split, seed 42', maxella: { rmse: meanStd([meanRmse]) } },
      {
        label: 'Biased MF (ALS), 80/20', settings: `${alsSettings(config)}; split seed 42, ${ctx.runs} init seeds`,
        reference: DESIGN_REFERENCES.alsRandom, maxella: random.stats,
      },
    ];
    const notes: string[] = [];
    if (ctx.fullDataset.name === 'ml-100k') {
      const folds: number[] = [];
      for (const k of [1, 2, 3, 4, 5] as const) {
        const fold = await foldSplit(ctx.fullDataset, ctx.datasetDir, k);
        folds.push(trainAndScore(ctx.fullDataset, fold.train, fold.test, config, k === 1 ? curve : undefined, 'u1.test'));
      }
      rows.push(
        { label: 'Biased MF (ALS), u1.base → u1.test', settings: alsSettings(config), reference: DESIGN_REFERENCES.alsU1, maxella: { rmse: meanStd([folds[0]]) } },
        { label: 'Biased MF (ALS), u1–u5 five-fold', settings: `${alsSettings(config)}; mean ± std over the 5 folds`, maxella: { rmse: meanStd(folds) } },
      );
      notes.push(`Literature on ML-100K reaches RMSE ≈ ${DESIGN_REFERENCES.literature.rmse} (e.g. SVD++ and Bayesian MF on the five folds).`);
    } else {
      notes.push(`The u1–u5 folds exist only in ML-100K; this run used ${ctx.dataset.name}.`);
    }
    return {
      tables: [{ title: 'Rating prediction baselines', referenceNote: DESIGN_REFERENCES.citation, metrics: RMSE_COLUMNS, rows }],
      charts: [
        lineChart('ALS test RMSE per iteration', curve, 'iteration', 'test RMSE'),
        barChart('Baseline RMSE (± std)', rows.map((r) => ({ label: r.label, stat: r.maxella.rmse! })), 'RMSE'),
      ],
      notes,
    };
  },
};
