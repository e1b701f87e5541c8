/**
 * Retrieval (seed 004 Table 7): the two-tower model and the seeds' tuning steps (embedding 32 → 64,
 * learning rate 0.1 / 0.01 / 0.001, 5 → 32 epochs), FactorizedTopK accuracy over all movies, next to
 * the most-popular baseline on the same split.
 */
import type { MovieLensDataset } from '../data/schema.ts';
import type { MovieLensEncoder } from '../features/movielens.ts';
import { FactorizedTopK } from '../metrics/index.ts';
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
import { encodeSplit, topK, runVariants, type Variant } from './training.ts';
import type { Experiment, TableRow } from './types.ts';

/** TFRS FactorizedTopK cut-offs. */
const KS = [1, 5, 10, 50, 100];

/** The top-k accuracies of test logs under the table's keys. */
export function topKMetrics(logs: Logs): Record<string, number> {
  return Object.fromEntries(KS.map((k) => [`top_${k}`, logs[topK(k)]]));
}

/**
 * The TFRS basic retrieval model: user-id and movie-title embeddings of `dim`, in-batch softmax,
 * FactorizedTopK over every movie of the dataset, Adagrad at `learningRate`.
 */
export function basicRetrievalModel(ds: MovieLensDataset, encoder: MovieLensEncoder, dim: number, learningRate: number, seed: number): TwoTowerModel {
  const movies = encoder.encodeMovies(ds);
  const model: TwoTowerModel = new TwoTowerModel({
    query: { name: 'user', embeddings: embeddedFeatures(encoder, ['user_id'], dim), seed },
    candidate: { name: 'movie', embeddings: embeddedFeatures(encoder, ['movie_title'], dim), seed: seed + 1 },
    candidateIdFeature: 'movie_title',
  });
  model.setTask(new Retrieval({
    metrics: new FactorizedTopK({
      ks: KS,
      candidates: () => ({ embeddings: model.candidateEmbeddings(movies), dim, ids: movies.features.movie_title as Int32Array }),
    }),
  }));
  return model.compile({ optimizer: new Adagrad({ learningRate }) });
}

/** The `retrieval` experiment. */
export const retrieval: Experiment = {
  name: 'retrieval',
  title: 'Retrieval: the two-tower model and its tuning steps',
  description: 'Two-tower retrieval with the seeds\' tuning steps (seed 004 Table 7) beside the most-popular baseline.',
  async run(ctx) {
    const data = encodeSplit(ctx.dataset, ['user_id', 'movie_title'], [0.8, 0.2], 42);
    const short = bySize(ctx.mode, 5, 1);
    const long = bySize(ctx.mode, 32, 2);
    const seedRows = SEED_RETRIEVAL.rows;
    const steps: { label: string; dim: number; lr: number; epochs: number; seed?: TableRow['seed']; reference?: TableRow['reference'] }[] = [
      { label: 'TFRS tutorial (3 epochs)', dim: 32, lr: 0.1, epochs: bySize(ctx.mode, 3, 1), reference: DESIGN_REFERENCES.retrieval3Epochs },
      { label: 'Baseline', dim: 32, lr: 0.1, epochs: short, seed: values(seedRows.baseline) },
      { label: 'Model 1: embedding 64', dim: 64, lr: 0.1, epochs: short, seed: values(seedRows.embedding64) },
      { label: 'Model 2: learning rate 0.01', dim: 64, lr: 0.01, epochs: short, seed: values(seedRows.lr001) },
      { label: 'Model 3: learning rate 0.001', dim: 64, lr: 0.001, epochs: short, seed: values(seedRows.lr0001) },
      { label: `Model 4: ${long} epochs`, dim: 64, lr: 0.1, epochs: long, seed: values(seedRows.epochs32) },
    ];
    const variants: Variant[] = steps.map((s) => ({
      label: s.label, settings: `embedding ${s.dim}, Adagrad ${s.lr}, ${s.epochs} epoch(s)`, seed: s.seed, reference: s.reference,
      fit: { epochs: s.epochs },
      build: (seed) => basicRetrievalModel(ctx.dataset, data.encoder, s.dim, s.lr, seed),
    }));
    const batchSize = bySize(ctx.mode, 8192, 1024);
    const { rows, curves } = await runVariants(ctx, data, variants, { epochs: short, batchSize, evalBatchSize: 4096 }, topKMetrics, topK(100));
    const popularity = PopularityModel.fit(subset(ctx.dataset.ratings.movie, data.trainRows), ctx.dataset.movies.length)
      .topKAccuracy(subset(ctx.dataset.ratings.movie, data.testRows), KS);
    rows.push({
      label: 'Most popular (baseline)', settings: 'the training split\'s most-rated movies, for everyone', reference: DESIGN_REFERENCES.popularity,
      maxella: Object.fromEntries(Object.entries(popularity).map(([k, v]) => [k, meanStd([v])])),
    });
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
        `Every model: in-batch softmax, batch ${batchSize}, 80/20 random split (seed 42), FactorizedTopK over all ${ctx.dataset.movies.length} movies without excluding seen ones, mean ± std over ${ctx.runs} seeded run(s).`,
        'The seeds trained on ML-1M, where top-k is over 3,700 movies; on ML-100K there are 1,682, so accuracies are not directly comparable.',
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
