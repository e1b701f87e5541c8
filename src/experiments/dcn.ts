/**
 * DCN-v2 (seed 000 §3, the TFRS DCN tutorial): stacked, parallel and low-rank cross networks and a
 * plain DNN, RMSE mean ± std over seeded runs, and the cross layer's feature-importance heatmap.
 */
import type { MovieLensFeature } from '../features/movielens.ts';
import { DcnModel, type DcnStructure, type FeatureImportance } from '../models/dcn.ts';
import { Adam } from '../train/optimizers.ts';
import { barChart, heatmap, lineChart } from './charts.ts';
import { DESIGN_REFERENCES, SEED_DCN } from './seed-numbers.ts';
import { bySize } from './stats.ts';
import { RMSE_COLUMN, SECONDS_COLUMN } from './columns.ts';
import { encodeSplit, evaluateOn, featuresAvailable, RMSE, runVariants, type Variant } from './training.ts';
import type { Experiment, TableRow } from './types.ts';

/** The seeds' DCN features: the tutorial's six plus the enrichment features when the data has them. */
const DCN_FEATURES: MovieLensFeature[] = [
  'user_id', 'movie_id', 'user_zip_code', 'user_occupation_label', 'bucketized_user_age', 'user_gender',
  'director', 'star', 'release_date_bucket',
];

interface DcnVariant {
  label: string;
  architecture: string;
  structure: DcnStructure;
  projectionDim?: number;
  seed?: TableRow['seed'];
  reference?: TableRow['reference'];
}

const VARIANTS: DcnVariant[] = [
  { label: 'DCN (stacked)', architecture: 'cross → deep [192, 192]', structure: 'stacked', seed: SEED_DCN.rows.stacked, reference: DESIGN_REFERENCES.dcnStacked },
  { label: 'DCN (parallel)', architecture: 'cross ‖ deep [192, 192]', structure: 'parallel' },
  { label: 'DCN (low-rank, projection 20)', architecture: 'low-rank cross (r = 20) → deep [192, 192]', structure: 'stacked', projectionDim: 20, seed: SEED_DCN.rows.lowRank, reference: DESIGN_REFERENCES.dcnLowRank },
  { label: 'DNN (no cross layer)', architecture: 'deep [192, 192]', structure: 'deep', seed: SEED_DCN.rows.dnn, reference: DESIGN_REFERENCES.dnn },
];

/** The `dcn` experiment. */
export const dcn: Experiment = {
  name: 'dcn',
  title: 'DCN-v2: stacked, parallel, low-rank and DNN',
  description: 'DCN-v2 rating models on the seeds\' features, RMSE mean ± std over runs, and the cross-layer feature-importance heatmap.',
  async run(ctx) {
    const features = featuresAvailable(ctx.dataset, DCN_FEATURES);
    const data = encodeSplit(ctx.dataset, [...features, 'user_rating'], [0.8, 0.2], 42);
    const epochs = bySize(ctx.mode, 8, 1);
    const batchSize = bySize(ctx.mode, 8192, 1024);
    let importance: FeatureImportance | undefined;
    const variants: Variant<DcnModel>[] = VARIANTS.map((v) => ({
      label: v.label, settings: v.architecture, seed: v.seed, reference: v.reference,
      build: (seed) => new DcnModel({
        features: features.map((name) => ({ name, vocabularySize: data.encoder.vocabularySize(name) })),
        embeddingDim: 32, structure: v.structure, crossLayers: 1, projectionDim: v.projectionDim,
        deepLayers: [192, 192], label: 'user_rating', seed,
      }).compile({ optimizer: new Adam({ learningRate: 0.01 }) }),
      inspect: v.label === 'DCN (stacked)' ? (model) => { importance = model.featureImportance(); } : undefined,
    }));
    const { rows, curves } = await runVariants(ctx, variants, {
      train: data.train, evaluate: evaluateOn(data.test, 4096), fit: { epochs, batchSize }, metrics: (m) => ({ rmse: m[RMSE] }), curveMetric: RMSE, runs: ctx.runs,
    });
    const charts = [
      barChart('DCN-v2 test RMSE (± std over runs)', rows.map((r) => ({ label: r.label, stat: r.maxella.rmse! })), 'RMSE'),
      lineChart('DCN-v2 test RMSE per epoch (first run)', curves, 'epoch', 'test RMSE'),
    ];
    if (importance) {
      const names = importance.features;
      const cells = importance.norms.flatMap((row, i) => row.map((value, j) => ({ row: names[i], column: names[j], value })));
      charts.push(heatmap('DCN (stacked) feature importance: Frobenius norm of cross-kernel blocks', cells, '‖W_ij‖_F'));
    }
    return {
      tables: [{ title: 'DCN-v2 rating prediction', citation: SEED_DCN.citation, referenceNote: DESIGN_REFERENCES.citation, metrics: [RMSE_COLUMN, SECONDS_COLUMN], rows }],
      charts,
      notes: [
        `Every row: embeddings 32 per feature, Adam 0.01, ${epochs} epoch(s), batch ${batchSize}, 80/20 split (seed 42), mean ± std over ${ctx.runs} seeded run(s).`,
        `Features: ${features.join(', ')}${features.includes('director') ? '' : ' (no enrichment: director / star / release date left out)'}.`,
        'The seeds report no parallel DCN; its row has no seed number.',
      ],
    };
  },
};
