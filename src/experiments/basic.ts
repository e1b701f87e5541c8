/**
 * The TFRS basic-recommender tutorial (seed 003): dot-product matrix factorization, a one-layer
 * model over user and movie embeddings, and the context-features model (timestamp buckets and
 * normalized timestamp, title text embedding), RMSE after 10 epochs.
 */
import { CONTEXT_FEATURES, enrichedRankingConfig } from '../models/context.ts';
import { DotProductModel } from '../models/dot-product.ts';
import { embeddedFeatures } from '../models/encoder-towers.ts';
import { RankingModel } from '../models/ranking.ts';
import { Ranking } from '../tasks/index.ts';
import { Adagrad } from '../train/optimizers.ts';
import { barChart, lineChart } from './charts.ts';
import { RMSE_COLUMN, SECONDS_COLUMN } from './columns.ts';
import { SEED_FILES } from './seed-numbers.ts';
import { bySize } from './stats.ts';
import { encodeSplit, evaluateOn, RMSE, runVariants, type Variant } from './training.ts';
import type { Experiment } from './types.ts';

/** The `basic` experiment. */
export const basic: Experiment = {
  name: 'basic',
  title: 'Basic recommender (TFRS tutorial): dot product, one layer, context features',
  description: 'The basic-recommender tutorial\'s three rating models, RMSE after 10 epochs with Adagrad 0.1.',
  async run(ctx) {
    // The tutorial fits the timestamp buckets and normalization on all ratings.
    const data = encodeSplit(ctx.dataset, [...CONTEXT_FEATURES, 'user_rating'], [0.8, 0.2], 42, { fitRatings: 'all' });
    const enc = data.encoder;
    const optimizer = () => new Adagrad({ learningRate: 0.1 });
    const variants: Variant[] = [
      {
        label: 'Dot product (matrix factorization)', settings: 'user · movie-title embeddings (32)',
        build: (seed) => new DotProductModel({
          user: { name: 'user', embeddings: embeddedFeatures(enc, ['user_id'], 32), seed },
          movie: { name: 'movie', embeddings: embeddedFeatures(enc, ['movie_title'], 32), seed: seed + 1 },
        }).compile({ optimizer: optimizer() }),
      },
      {
        label: 'One layer', settings: 'user ‖ movie-title embeddings (32) → Dense 64 relu → 1',
        build: (seed) => new RankingModel({
          tower: { name: 'one_layer', embeddings: embeddedFeatures(enc, ['user_id', 'movie_title'], 32), seed },
          layers: [64, 1], seed,
        }, new Ranking()).compile({ optimizer: optimizer() }),
      },
      {
        label: 'Context features (enriched)', settings: 'user, 1,000 timestamp buckets, normalized timestamp; title id, title words (bag) → Dense 64 relu → 1',
        build: (seed) => new RankingModel(enrichedRankingConfig(enc, { seed }), new Ranking()).compile({ optimizer: optimizer() }),
      },
    ];
    const epochs = bySize(ctx.mode, 10, 1);
    const runs = Math.min(ctx.runs, BASIC_MAX_RUNS);
    const { rows, curves } = await runVariants(ctx, variants, {
      train: data.train, evaluate: evaluateOn(data.test, 4096), fit: { epochs, batchSize: 2048 }, metrics: (m) => ({ rmse: m[RMSE] }), curveMetric: RMSE, runs,
    });
    return {
      tables: [{ title: `Rating RMSE after ${epochs} epoch(s)`, metrics: [RMSE_COLUMN, SECONDS_COLUMN], rows }],
      charts: [
        lineChart('Test RMSE per epoch (the tutorial\'s "Accuracy vs epoch" plot)', curves, 'epoch', 'test RMSE'),
        barChart('Test RMSE (± std over runs)', rows.map((r) => ({ label: r.label, stat: r.maxella.rmse! })), 'RMSE'),
      ],
      notes: [
        `Every row: Adagrad 0.1, batch 2048, ${epochs} epoch(s), 80/20 random split (seed 42), mean ± std over ${runs} seeded run(s).`,
        `The tutorial (seed 003, ${SEED_FILES.basicTutorial}) prints no numbers — it plots the three curves, drawn in report.html.`,
        'The dot-product model has no bias or global mean and starts from Keras\' uniform(±0.05) embeddings, so its predictions start at ≈ 0; with Adagrad 0.1 the factors grow slowly and an RMSE far above the others after 10 epochs means it is still climbing towards the rating scale. The ALS baseline (`--only baselines`) shows what biased matrix factorization reaches.',
      ],
    };
  },
};

/** Runs per setting. */
const BASIC_MAX_RUNS = 3;
