/**
 * The app as a library (Node only): start the served app in-process, train and publish its models,
 * open its store. `maxella serve` / `maxella train` are these functions behind the CLI.
 */
export { startApp, type AppOptions, type RunningApp } from './app.ts';
export { buildServer, type ServerOptions } from './api/server.ts';
export { trainAppModels, DEFAULT_TRAINING, type AppTrainingOptions, type TrainedAppModels, type TrainingProgress, type TopKChoice } from './model/train.ts';
export { saveAppModels, loadAppModels, currentVersion, setCurrentVersion, type AppManifest, type LoadedAppModels, type SaveAppModelsOptions } from './model/artifact.ts';
export { openStore, describeDb } from './store/open.ts';
export type { Store, AppUser, StoredRating } from './store/types.ts';
export { Recommender, type Recommendation, type RecommendationList } from './recommender/recommender.ts';
