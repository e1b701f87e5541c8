/**
 * Retrieval (seed 004 Table 7): the two-tower model and the seeds' tuning steps (embedding 32 → 64,
 * learning rate 0.1 / 0.01 / 0.001, 5 → 32 epochs), FactorizedTopK accuracy over all movies, next to
 * the most-popular baseline on the same split.
 */
import type { MovieLensDataset } from '../data/schema.ts';
import type { MovieLensEncoder } from '../features/movielens.ts';
import type { Columns } from '../features/columns.ts';
import { FactorizedTopK } from '../metrics/index.ts';
import { idColumn } from '../models/column-access.ts';
import type { Model } from '../models/model.ts';
import { embeddedFeatures } from '../models/encoder-towers.ts';
import { PopularityModel } from '../models/popularity.ts';
import { TwoTowerModel } from '../models/two-tower.ts';
import { Retrieval } from '../tasks/index.ts';
import { Adagrad } from '../train/optimizers.ts';
import type { Logs } from '../train/callback.ts';
import { barChart, lineChart } from './charts.ts';
import { SECONDS_COLUMN, topKColumns } from './columns.ts';
import { DESIGN_REFERENCES, SEED_RETRIEVAL } from './seed-numbers.ts';
import { bySize, meanStd } from './stats.ts';
import { encodeSplit, runVariants, topK, type Evaluator, type Snapshot, type Variant } from './training.ts';
import type { Experiment, TableRow } from './types.ts';

/** TFRS FactorizedTopK cut-offs. */
const KS = [1, 5, 10, 50, 100];

/** The top-k accuracies of test logs under the table's keys. */
export function topKMetrics(logs: Logs): Record<string, number> {
  return Object.fromEntries(KS.map((k) => [`top_${k}`, logs[topK(k)]]));
}

/** A model with query (user) and candidate (movie) embeddings. */
export interface EmbeddingModel extends Model {
  queryEmbeddings(columns: Columns): Float32Array;
  candidateEmbeddings(columns: Columns): Float32Array;
}

/**
 * FactorizedTopK on the test split: every test rating's user embedding against all movies of the
 * dataset, hit when its movie (by `movie_title` id, as TFRS) is among the k best.
 */
export function topKEvaluator(ds: MovieLensDataset, encoder: MovieLensEncoder, test: Columns): Evaluator<EmbeddingModel> {
  const movies = encoder.encodeMovies(ds);
  const ids = idColumn(movies, 'movie_title');
  return (model) => {
    const embeddings = model.candidateEmbeddings(movies);
    const metric = new FactorizedTopK({ ks: KS, candidates: { embeddings, dim: embeddings.length / movies.length, ids } });
    try {
      metric.update(model.queryEmbeddings(test), { trueCandidateIds: idColumn(test, 'movie_title') });
      return metric.results();
    } finally {
      metric.dispose();
    }
  };
}

/** The TFRS basic retrieval model: user-id and movie-title embeddings of `dim`, in-batch softmax, Adagrad. */
export function basicRetrievalModel(encoder: MovieLensEncoder, dim: number, learningRate: number, seed: number): TwoTowerModel {
  return new TwoTowerModel({
    query: { name: 'user', embeddings: embeddedFeatures(encoder, ['user_id'], dim), seed },
    candidate: { name: 'movie', embeddings: embeddedFeatures(encoder, ['movie_title'], dim), seed: seed + 1 },
  }, new Retrieval()).compile({ optimizer: new Adagrad({ learningRate }) });
}

/** In-batch softmax batch size (the TFRS tutorial's). */
const RETRIEVAL_BATCH = 8192;
/** Runs per setting: retrieval epochs are the suite's most expensive (batch² logits). */
const RETRIEVAL_MAX_RUNS = 2;

/** The `retrieval` experiment. */
export const retrieval: Experiment = {
  name: 'retrieval',
  title: 'Retrieval: the two-tower model and its tuning steps',
  description: 'Two-tower retrieval with the seeds\' tuning steps (seed 004 Table 7) beside the most-popular baseline.',
  async run(ctx) {
    const data = encodeSplit(ctx.dataset, ['user_id', 'movie_title'], [0.8, 0.2], 42);
    const short = bySize(ctx.mode, 5, 2);
    const long = bySize(ctx.mode, 32, 3);
    const tutorial = bySize(ctx.mode, 3, 1);
    const seedRows = SEED_RETRIEVAL.rows;
    const settings = (dim: number, lr: number, epochs: number) => `embedding ${dim}, Adagrad ${lr}, ${epochs} epoch(s)`;
    const variant = (label: string, dim: number, lr: number, epochs: number, seed: TableRow['seed'], snapshots: Snapshot[] = []): Variant<TwoTowerModel> => ({
      label, settings: settings(dim, lr, epochs), seed, snapshots, fit: { epochs },
      build: (s) => basicRetrievalModel(data.encoder, dim, lr, s),
    });
    const variants = [
      variant('Baseline', 32, 0.1, short, values(seedRows.baseline), [
        { epoch: tutorial, label: `TFRS tutorial (${tutorial} epochs)`, settings: settings(32, 0.1, tutorial), reference: DESIGN_REFERENCES.retrieval3Epochs },
      ]),
      variant(`Model 4: ${long} epochs`, 64, 0.1, long, values(seedRows.epochs32), [
        { epoch: short, label: 'Model 1: embedding 64', settings: settings(64, 0.1, short), seed: values(seedRows.embedding64) },
      ]),
      variant('Model 2: learning rate 0.01', 64, 0.01, short, values(seedRows.lr001)),
      variant('Model 3: learning rate 0.001', 64, 0.001, short, values(seedRows.lr0001)),
    ];
    const batchSize = bySize(ctx.mode, RETRIEVAL_BATCH, 1024);
    const { rows, curves } = await runVariants(ctx, variants, {
      train: data.train, evaluate: topKEvaluator(ctx.dataset, data.encoder, data.test), fit: { epochs: short, batchSize },
      metrics: topKMetrics, curveMetric: topK(100), runs: Math.min(ctx.runs, RETRIEVAL_MAX_RUNS),
    });
    const popularity = PopularityModel.fit(subset(ctx.dataset.ratings.movie, data.trainRows), ctx.dataset.movies.length)
      .topKAccuracy(subset(ctx.dataset.ratings.movie, data.testRows), KS);
    rows.push({
      label: 'Most popular (baseline)', settings: 'the training split\'s most-rated movies, for everyone', reference: DESIGN_REFERENCES.popularity,
      maxella: Object.fromEntries(Object.entries(popularity).map(([k, v]) => [k, meanStd([v])])),
    });
    const order = ['TFRS tutorial', 'Baseline', 'Model 1', 'Model 2', 'Model 3', 'Model 4', 'Most popular'];
    rows.sort((a, b) => order.findIndex((p) => a.label.startsWith(p)) - order.findIndex((p) => b.label.startsWith(p)));
    return {
      tables: [{
        title: 'Retrieval top-k accuracy on the test split', citation: SEED_RETRIEVAL.citation, referenceNote: DESIGN_REFERENCES.citation,
        metrics: [...topKColumns(KS), SECONDS_COLUMN], rows,
      }],
      charts: [
        lineChart('Test top-100 accuracy per epoch (first run)', curves, 'epoch', 'top-100 accuracy'),
        barChart('Top-100 accuracy (± std over runs)', rows.map((r) => ({ label: r.label, stat: r.maxella.top_100! })), 'top-100 accuracy'),
      ],
      notes: [
        `Every model: in-batch softmax, batch ${batchSize}, 80/20 random split (seed 42), FactorizedTopK over all ${ctx.dataset.movies.length} movies (seen ones not excluded), mean ± std over ${Math.min(ctx.runs, RETRIEVAL_MAX_RUNS)} seeded run(s).`,
        'Rows read at an earlier epoch of a longer run (the tutorial row, Model 1) come from the same runs: fit replays the same shuffles, so they equal separate shorter runs. CPU s is that of the whole run.',
        'The seeds trained on ML-1M (3,700 movies to rank); on ML-100K there are 1,682, so accuracies are not like for like.',
      ],
    };
  },
};

/** A seed row's numbers as `SeedValue`s. */
function values(row: Record<string, number>): TableRow['seed'] {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, { value: v }]));
}

function subset(column: Int32Array, rows: Int32Array): Int32Array {
  return Int32Array.from(rows, (r) => column[r]);
}
