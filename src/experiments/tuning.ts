/**
 * Hyper-parameter tuning (the seeds' "apply hyperparameter tuning where applicable"): a Bayesian
 * search over the ranking model's embedding size, hidden layers, learning rate and epochs, each trial
 * trained with early stopping on a validation split. Trials are saved as they finish, so an
 * interrupted run resumes; the best configuration is saved and scored on the untouched test split.
 */
import { join } from 'node:path';
import { randomSplit } from '../data/splits.ts';
import { MovieLensEncoder } from '../features/movielens.ts';
import { embeddedFeatures } from '../models/encoder-towers.ts';
import { RankingModel } from '../models/ranking.ts';
import { Ranking } from '../tasks/index.ts';
import { EarlyStopping } from '../train/callbacks.ts';
import { Adagrad } from '../train/optimizers.ts';
import { BayesianOptimization, RandomSearch, SearchSpace, type HpConfig, type TunerOptions } from '../train/tuner.ts';
import { barChart } from './charts.ts';
import { RMSE_COLUMN, SECONDS_COLUMN } from './columns.ts';
import { bySize, meanStd } from './stats.ts';
import { RMSE } from './training.ts';
import type { Experiment, TableRow } from './types.ts';

/** Hidden-layer choices of the search, as "256-64". */
const LAYER_CHOICES = ['64', '256-64', '256-128-64'];

/** The `tuning` experiment. */
export const tuning: Experiment = {
  name: 'tuning',
  title: 'Hyper-parameter tuning of the ranking model',
  description: 'Bayesian search over embedding size, layers, learning rate and epochs with early stopping; resumable; best config saved.',
  async run(ctx) {
    // Train / test / validation: the test split stays untouched until the best configuration is chosen.
    const split = randomSplit(ctx.dataset.ratings.length, [0.7, 0.2, 0.1], 42);
    const encoder = new MovieLensEncoder({ features: ['user_id', 'movie_title', 'user_rating'] }).adapt(ctx.dataset, split.train);
    const [train, test, validation] = [split.train, split.test, split.validation!].map((rows) => encoder.encode(ctx.dataset, rows));
    const space = new SearchSpace()
      .choice('embedding_dim', [16, 32, 64])
      .choice('layers', LAYER_CHOICES)
      .float('learning_rate', 0.02, 0.3, { log: true })
      .int('max_epochs', bySize(ctx.mode, 4, 1), bySize(ctx.mode, 16, 2), bySize(ctx.mode, 4, 1));
    const batchSize = bySize(ctx.mode, 8192, 1024);
    const build = (hp: HpConfig, seed: number) => new RankingModel({
      tower: { name: 'embeddings', embeddings: embeddedFeatures(encoder, ['user_id', 'movie_title'], Number(hp.embedding_dim)), seed },
      layers: [...String(hp.layers).split('-').map(Number), 1], seed,
    }, new Ranking()).compile({ optimizer: new Adagrad({ learningRate: Number(hp.learning_rate) }) });
    const bestModels = new Map<string, RankingModel>();
    const options: TunerOptions = {
      space, maxTrials: bySize(ctx.mode, 8, 2), seed: ctx.seed, direction: 'min',
      directory: join(ctx.workDir, `tuning-${ctx.dataset.name}-${ctx.mode}`),
      objective: async (hp, trial) => {
        const model = build(hp, trial.seed);
        const stopping = new EarlyStopping({ monitor: `val_${RMSE}`, patience: 1, restoreBest: true });
        const history = await model.fit(train, {
          epochs: Number(hp.max_epochs), batchSize, seed: trial.seed, validationData: validation, validationBatchSize: 4096, callbacks: [stopping],
        });
        history.history[`val_${RMSE}`]?.forEach((v) => trial.reportEpoch(v));
        bestModels.set(trial.id, model);
        return { value: stopping.bestValue(), epochs: stopping.bestEpoch + 1 };
      },
      onTrial: (t) => ctx.log(`  ${t.id}: ${JSON.stringify(t.hp)} → ${t.value?.toFixed(4) ?? t.error}`),
    };
    const tuner = ctx.mode === 'full' ? new BayesianOptimization({ ...options, numInitialPoints: 4 }) : new RandomSearch(options);
    const trials = await tuner.search();
    const best = tuner.bestTrial();
    if (!best) throw new Error('tuning: no trial completed');
    // A resumed search has no model for trials of an earlier run: retrain the best configuration then.
    const bestModel = bestModels.get(best.id) ?? await retrain(build(best.hp, ctx.seed), best.metrics.epochs);
    const testRmse = bestModel.evaluate(test, { batchSize: 4096 })[RMSE];
    const rows: TableRow[] = trials.map((t) => ({
      label: `${t.id}${t.id === best.id ? ' (best)' : ''}`,
      settings: `embedding ${t.hp.embedding_dim}, Dense ${t.hp.layers}-1, Adagrad ${Number(t.hp.learning_rate).toFixed(3)}, ≤ ${t.hp.max_epochs} epochs (best at ${t.metrics.epochs ?? '—'})`,
      maxella: t.status === 'completed' ? { val_rmse: meanStd([t.value!]), seconds: meanStd([t.seconds]) } : {},
    }));
    return {
      tables: [
        { title: 'Search trials, best validation RMSE first', metrics: [{ key: 'val_rmse', label: 'validation RMSE', better: 'lower' }, SECONDS_COLUMN], rows },
        { title: 'Best configuration on the test split', metrics: [RMSE_COLUMN], rows: [{ label: best.id, settings: JSON.stringify(best.hp), maxella: { rmse: meanStd([testRmse]) } }] },
      ],
      charts: [barChart('Validation RMSE by trial', rows.filter((r) => r.maxella.val_rmse).map((r) => ({ label: r.label, stat: r.maxella.val_rmse! })), 'validation RMSE')],
      notes: [
        `${ctx.mode === 'full' ? 'Bayesian optimization (Gaussian process, expected improvement) after 4 random trials' : 'Random search'}; ${tuner.maxTrials} trials; 70/20/10 train/test/validation split (seed 42); early stopping on validation RMSE (patience 1, best weights restored); batch ${batchSize}.`,
        `Trials and the best configuration are saved in ${options.directory} (trials.json, best-config.json); rerunning resumes from there.`,
      ],
    };

    async function retrain(model: RankingModel, epochs: number): Promise<RankingModel> {
      await model.fit(train, { epochs, batchSize, seed: ctx.seed });
      return model;
    }
  },
};
