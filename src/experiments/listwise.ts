/**
 * Listwise ranking (the seeds' future work, seed 004 §7; TFRS's listwise tutorial): per-user lists of
 * rated movies sampled from the training split, the same scorer trained with each list loss, and
 * NDCG on test lists.
 */
import { encodeLists, sampleListwise } from '../models/listwise-lists.ts';
import { LIST_LOSSES, ListwiseModel, type ListLoss } from '../models/listwise.ts';
import { embeddedFeatures } from '../models/encoder-towers.ts';
import { Adagrad } from '../train/optimizers.ts';
import { barChart, lineChart } from './charts.ts';
import { SECONDS_COLUMN } from './columns.ts';
import { SEED_FILES } from './seed-numbers.ts';
import { bySize } from './stats.ts';
import { encodeSplit, evaluateOn, RMSE, runVariants, type Variant } from './training.ts';
import type { Experiment } from './types.ts';

const LOSS_LABELS: Record<ListLoss, string> = {
  mse: 'MSE (pointwise)',
  pairwise_hinge: 'Pairwise hinge',
  pairwise_logistic: 'Pairwise logistic',
  softmax: 'Softmax (listwise)',
  list_mle: 'ListMLE',
  approx_ndcg: 'ApproxNDCG',
};
const COMPARED: ListLoss[] = ['mse', 'pairwise_hinge', 'softmax', 'list_mle', 'approx_ndcg'];
const LIST_SIZE = 5;

/** The `listwise` experiment. */
export const listwise: Experiment = {
  name: 'listwise',
  title: 'Listwise ranking: MSE vs pairwise vs softmax vs ListMLE vs ApproxNDCG',
  description: 'Per-user lists of 5 rated movies, one scorer per list loss, NDCG on test lists (TFRS listwise tutorial).',
  async run(ctx) {
    const data = encodeSplit(ctx.dataset, ['user_id', 'movie_title'], [0.8, 0.2], 42);
    const listsPerUser = bySize(ctx.mode, LISTS_PER_USER, 5);
    const users = data.encoder.encodeUsers(ctx.dataset);
    const movies = data.encoder.encodeMovies(ctx.dataset);
    const train = encodeLists(sampleListwise(ctx.dataset, data.trainRows, { listsPerUser, listSize: LIST_SIZE, seed: 42 }), users, movies);
    const test = encodeLists(sampleListwise(ctx.dataset, data.testRows, { listsPerUser: 1, listSize: LIST_SIZE, seed: 42 }), users, movies);
    if (test.length === 0) throw new Error(`listwise: no user has ${LIST_SIZE} test ratings in ${ctx.datasetSpec}`);
    const variants: Variant<ListwiseModel>[] = COMPARED.map((loss) => ({
      label: LOSS_LABELS[loss], settings: `loss ${loss}`,
      build: (seed) => new ListwiseModel({
        loss, listSize: LIST_SIZE, ndcgAt: [3],
        scorer: { tower: { name: 'items', embeddings: embeddedFeatures(data.encoder, ['user_id', 'movie_title'], 32), seed }, layers: [256, 64, 1], seed },
      }).compile({ optimizer: new Adagrad({ learningRate: 0.1 }) }),
    }));
    const epochs = bySize(ctx.mode, LISTWISE_EPOCHS, 1);
    const batchSize = bySize(ctx.mode, 8192, 512);
    const runs = Math.min(ctx.runs, LISTWISE_MAX_RUNS);
    const { rows, curves } = await runVariants(ctx, variants, {
      train, evaluate: evaluateOn(test, 4096), fit: { epochs, batchSize },
      metrics: (m) => ({ ndcg: m.ndcg, ndcg_3: m.ndcg_3, rmse: m[RMSE] }), curveMetric: 'ndcg', runs,
    });
    return {
      tables: [{
        title: `NDCG of test lists (${test.length} users, ${LIST_SIZE} movies each)`,
        metrics: [
          { key: 'ndcg', label: `NDCG@${LIST_SIZE}`, better: 'higher' }, { key: 'ndcg_3', label: 'NDCG@3', better: 'higher' },
          { key: 'rmse', label: 'RMSE of scores', better: 'lower' }, SECONDS_COLUMN,
        ],
        rows,
      }],
      charts: [
        barChart(`Test NDCG@${LIST_SIZE} by list loss (± std)`, rows.map((r) => ({ label: r.label, stat: r.maxella.ndcg! })), 'NDCG'),
        lineChart(`Test NDCG@${LIST_SIZE} per epoch (first run)`, curves, 'epoch', 'NDCG'),
      ],
      notes: [
        `Train: ${train.length} lists (${listsPerUser} per user with ≥ ${LIST_SIZE} training ratings); test: 1 list per user from the test split. Scorer: user-id and movie-title embeddings 32 → Dense 256-64-1, Adagrad 0.1, batch ${batchSize} lists, ${epochs} epoch(s), mean ± std over ${runs} run(s).`,
        `No seed reports numbers: listwise ranking is the final report's future work (seed 004 §7, ${SEED_FILES.finalReport}). Only the MSE model's scores are ratings, so RMSE means something only on that row.`,
        `Also available: ${Object.keys(LIST_LOSSES).join(', ')}.`,
      ],
    };
  },
};

/** The TFRS tutorial samples 50 lists per user and trains 30 epochs; the suite's time budget allows fewer epochs. */
const LISTS_PER_USER = 50;
const LISTWISE_EPOCHS = 10;
const LISTWISE_MAX_RUNS = 2;
