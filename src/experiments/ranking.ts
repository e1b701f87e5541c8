/**
 * Ranking (seed 004 Table 8): the TFRS basic ranking model and the seeds' tuning steps — embedding
 * 32 → 64, 3 → 32 epochs, 2 → 3 → 4 dense layers, then dropout and a max-norm constraint — test RMSE.
 */
import { embeddedFeatures } from '../models/encoder-towers.ts';
import { RankingModel } from '../models/ranking.ts';
import { Ranking } from '../tasks/index.ts';
import { Adagrad } from '../train/optimizers.ts';
import { barChart, lineChart } from './charts.ts';
import { RMSE_COLUMN, SECONDS_COLUMN } from './columns.ts';
import { DESIGN_REFERENCES, SEED_RANKING } from './seed-numbers.ts';
import { bySize } from './stats.ts';
import { encodeSplit, evaluateOn, RMSE, runVariants, type Variant } from './training.ts';
import type { Experiment, TableRow } from './types.ts';

/** Hidden layers by depth ("2 dense layers" is the tutorial's 256-64). */
const HIDDEN: Record<number, number[]> = { 2: [256, 64], 3: [256, 128, 64], 4: [512, 256, 128, 64] };
/** Dropout rate and max-norm of the regularized model. */
const DROPOUT = 0.2;
const MAX_NORM = 3;

/** One step of the seeds' ranking tuning. */
interface RankingStep {
  label: string;
  dim: number;
  depth: number;
  epochs: number;
  regularized?: boolean;
  seed: TableRow['seed'];
  reference?: TableRow['reference'];
}

/** The `ranking` experiment. */
export const ranking: Experiment = {
  name: 'ranking',
  title: 'Ranking: the basic ranking model and its tuning steps',
  description: 'The TFRS ranking model with the seeds\' tuning steps (seed 004 Table 8), test RMSE.',
  async run(ctx) {
    const data = encodeSplit(ctx.dataset, ['user_id', 'movie_title', 'user_rating'], [0.8, 0.2], 42);
    const short = bySize(ctx.mode, 3, 1);
    const long = bySize(ctx.mode, 32, 2);
    const rmse = (value: number) => ({ rmse: { value } });
    const seedRows = SEED_RANKING.rows;
    const steps: RankingStep[] = [
      { label: 'Baseline', dim: 32, depth: 2, epochs: short, seed: rmse(seedRows.baseline.rmse), reference: DESIGN_REFERENCES.ranking3Epochs },
      { label: 'Model 1: embedding 64', dim: 64, depth: 2, epochs: long, seed: rmse(seedRows.embedding64.rmse) },
      { label: 'Model 2: 3 dense layers', dim: 64, depth: 3, epochs: long, seed: rmse(seedRows.threeLayers.rmse) },
      { label: 'Model 3: 4 dense layers', dim: 64, depth: 4, epochs: long, seed: rmse(seedRows.fourLayers.rmse) },
      { label: 'Model 4: + dropout + max-norm', dim: 64, depth: 4, epochs: long, regularized: true, seed: rmse(seedRows.regularized.rmse) },
    ];
    const variants: Variant<RankingModel>[] = steps.map((step) => ({
      label: step.label, seed: step.seed, reference: step.reference, fit: { epochs: step.epochs },
      settings: `embedding ${step.dim}, Dense ${HIDDEN[step.depth].join('-')}-1${step.regularized ? `, dropout ${DROPOUT}, max-norm ${MAX_NORM}` : ''}, ${step.epochs} epoch(s)`,
      build: (seed) => {
        const model = new RankingModel({
          tower: { name: 'embeddings', embeddings: embeddedFeatures(data.encoder, ['user_id', 'movie_title'], step.dim), seed },
          layers: [...HIDDEN[step.depth], 1], dropout: step.regularized ? DROPOUT : undefined, seed,
        }, new Ranking());
        // RankingConfig has no max-norm option yet: set the constraint on the MLP's hidden layers.
        if (step.regularized) model.mlp.dense.slice(0, -1).forEach((dense) => { dense.config.maxNorm = MAX_NORM; });
        return model.compile({ optimizer: new Adagrad({ learningRate: 0.1 }) });
      },
    }));
    const batchSize = bySize(ctx.mode, 8192, 1024);
    const { rows, curves } = await runVariants(ctx, variants, {
      train: data.train, evaluate: evaluateOn(data.test, 4096), fit: { epochs: short, batchSize },
      metrics: (m) => ({ rmse: m[RMSE] }), curveMetric: RMSE, runs: Math.min(ctx.runs, RANKING_MAX_RUNS),
    });
    return {
      tables: [{ title: 'Ranking test RMSE', citation: SEED_RANKING.citation, referenceNote: DESIGN_REFERENCES.citation, metrics: [RMSE_COLUMN, SECONDS_COLUMN], rows }],
      charts: [
        lineChart('Ranking test RMSE per epoch (first run)', curves, 'epoch', 'test RMSE'),
        barChart('Ranking test RMSE (± std over runs)', rows.map((r) => ({ label: r.label, stat: r.maxella.rmse! })), 'RMSE'),
      ],
      notes: [
        `Every model: user-id and movie-title embeddings, Adagrad 0.1, batch ${batchSize}, 80/20 random split (seed 42), mean ± std over ${Math.min(ctx.runs, RANKING_MAX_RUNS)} seeded run(s).`,
        'The seeds do not give their layer sizes, dropout rate or max-norm value; the sizes used are in the Settings column.',
      ],
    };
  },
};

/** Runs per setting (32-epoch deep MLPs dominate the suite's time). */
const RANKING_MAX_RUNS = 2;
