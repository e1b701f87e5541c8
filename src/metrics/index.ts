/** Streaming metrics: regression, AUC, per-list ranking metrics and factorized top-K accuracy. */
export { type Metric, type Values, type Matrix, WeightedMean } from './metric.ts';
export { RootMeanSquaredError, MeanAbsoluteError } from './regression.ts';
export { AUC } from './auc.ts';
export { NDCG, MRR, RecallAtK } from './ranking.ts';
export {
  FactorizedTopK, type CandidateSet, type CandidateSource, type FactorizedTopKOptions, type FactorizedTopKUpdate,
} from './factorized-top-k.ts';
export { ListMetricsAccumulator, popularityRanks, type ListMetrics } from './lists.ts';
export { evaluateTopK, type EvaluateTopKOptions, type TopKEvaluation } from './evaluate-top-k.ts';
