/** Tasks (TFRS `tfrs.tasks`): Retrieval and Ranking. */
export { Retrieval, type RetrievalOptions, type RetrievalCallOptions, type BatchMetric } from './retrieval.ts';
export { Ranking, type RankingOptions, type RankingCallOptions, type RankingMetric, type PredictionMetric } from './ranking.ts';
export { correctSamplingProbability, removeAccidentalHits, mineHardNegatives, MIN_FLOAT } from './retrieval-logits.ts';
export { type Task, collectResults } from './task.ts';
