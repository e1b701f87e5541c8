/**
 * The numbers the seed documents report, each with the file (under ../shared/seeds) and the table or
 * section it comes from, so every report row can put Maxella's result beside the seed's.
 *
 * The seeds' MAXELLA notebooks and final report trained on ML-1M (with their own enriched copy);
 * Maxella's default report runs on ML-100K (ML-1M ratings are not on the development machine), so
 * the seed column is a landmark, not a like-for-like target, unless the report ran on ML-1M.
 */

/** Seed file names (../shared/seeds/README.md is the index). */
export const SEED_FILES = {
  modeling: '000_2d905f66d0960956.txt',
  multitask: '001_fdfade7adb1274e0.txt',
  basicTutorial: '003_ffe1c4efbae27a6d.txt',
  finalReport: '004_6448301dcd288887.txt',
} as const;

/** Where a group of seed numbers comes from. */
export interface SeedCitation {
  file: string;
  where: string;
  /** The MovieLens release the seed trained on. */
  dataset: string;
}

/** A seed's number: a single value, or a mean ± std over runs. */
export interface SeedValue {
  value: number;
  std?: number;
}

/** Renders a citation as "seed 004 Table 7 (004_….txt, ML-1M)". */
export function citationText(c: SeedCitation): string {
  return `seed ${c.file.slice(0, 3)} ${c.where} (${c.file}, ${c.dataset})`;
}

/** Seed 004 Table 7, "Retrieval Model Tuning Summary" (two-tower, FactorizedTopK on the test split). */
export const SEED_RETRIEVAL = {
  citation: { file: SEED_FILES.finalReport, where: 'Table 7', dataset: 'ML-1M' } satisfies SeedCitation,
  rows: {
    baseline: { top_1: 0.002739, top_5: 0.016660, top_10: 0.032353, top_50: 0.125389, top_100: 0.207780 },
    embedding64: { top_1: 0.002999, top_5: 0.020739, top_10: 0.039571, top_50: 0.143078, top_100: 0.231983 },
    lr001: { top_1: 0.003095, top_5: 0.021155, top_10: 0.040475, top_50: 0.145901, top_100: 0.235966 },
    lr0001: { top_1: 0.002995, top_5: 0.021155, top_10: 0.040491, top_50: 0.145969, top_100: 0.236346 },
    epochs32: { top_1: 0.003347, top_5: 0.022155, top_10: 0.043127, top_50: 0.159742, top_100: 0.258966 },
  },
} as const;

/** Seed 004 Table 8, "Ranking Model Tuning Summary" (test RMSE). */
export const SEED_RANKING = {
  citation: { file: SEED_FILES.finalReport, where: 'Table 8', dataset: 'ML-1M' } satisfies SeedCitation,
  rows: {
    baseline: { rmse: 0.931866 },
    embedding64: { rmse: 0.898368 },
    threeLayers: { rmse: 0.873792 },
    fourLayers: { rmse: 0.868916 },
    regularized: { rmse: 0.866493 },
  },
} as const;

/** Seed 000 §3, DCN-v2 RMSE mean and std over runs ("DNN (Cross Layer = False)"). */
export const SEED_DCN = {
  citation: { file: SEED_FILES.modeling, where: '§3 (DCN / low-rank / DNN RMSE)', dataset: 'ML-1M' } satisfies SeedCitation,
  rows: {
    stacked: { rmse: { value: 0.9811, std: 0.0241 } },
    lowRank: { rmse: { value: 0.9666, std: 0.0128 } },
    dnn: { rmse: { value: 0.9531, std: 0.0115 } },
  },
} as const;

/**
 * Seed 001 §5 "Modeling Summary" (rows 1–3) and seed 004 Table 9 (which repeats them and adds the
 * tuned joint model): retrieval top-100 accuracy and ranking RMSE.
 */
export const SEED_MULTITASK = {
  citation: { file: SEED_FILES.finalReport, where: `Table 9 (rows 1–3 also in ${SEED_FILES.multitask} §5)`, dataset: 'ML-1M' } satisfies SeedCitation,
  rows: {
    ratingOnly: { top_100: 0.031, rmse: 0.940 },
    retrievalOnly: { top_100: 0.158, rmse: 3.868 },
    joint: { top_100: 0.158, rmse: 0.974 },
    tunedJoint: { top_100: 0.129, rmse: 0.992 },
  },
} as const;

/**
 * Reference numbers from /work/shared/DESIGN.md ("Quality yardsticks"): a PyTorch reimplementation of
 * the TFRS tutorials on ML-100K, 80/20 random split with seed 42, and the literature.
 */
export const DESIGN_REFERENCES = {
  citation: 'DESIGN.md "Quality yardsticks" (PyTorch reimplementation, ML-100K 80/20 seed 42)',
  retrieval3Epochs: { top_10: 0.021, top_100: 0.236 },
  popularity: { top_10: 0.049, top_100: 0.295 },
  ranking3Epochs: { rmse: 1.116 },
  ranking30Epochs: { rmse: 0.942 },
  dcnStacked: { rmse: 0.933 },
  dcnLowRank: { rmse: 0.935 },
  dnn: { rmse: 0.940 },
  alsRandom: { rmse: 0.914 },
  alsU1: { rmse: 0.932 },
  literature: { rmse: 0.89 },
} as const;

/**
 * Microsoft Recommenders' published top-K benchmark on ML-100K (examples/06_benchmarks: per-user
 * stratified 75/25 split, k = 10, every rated test movie relevant, training movies excluded), as
 * quoted in issue 11. Only comparable on ML-100K with this protocol.
 */
export const MS_RECOMMENDERS_ML100K = {
  citation: 'Microsoft Recommenders benchmark, ML-100K, stratified 75/25, k = 10 (examples/06_benchmarks)',
  dataset: 'ml-100k',
  rows: [
    { label: 'BiVAE', ndcg: 0.475, precision: 0.412 },
    { label: 'BPR', ndcg: 0.442, precision: 0.388 },
    { label: 'LightGCN', ndcg: 0.420, precision: 0.380 },
    { label: 'NCF', ndcg: 0.396, precision: 0.347 },
    { label: 'SAR', ndcg: 0.382, precision: 0.331 },
    { label: 'SVD (rating prediction)', ndcg: 0.096 },
  ],
} as const;
