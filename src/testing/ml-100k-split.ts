/** The real ML-100K on the top-K protocol (per-user stratified 75/25), for tests that pin list quality. */
import { readMovieLens } from '../data/readers/index.ts';
import { stratifiedSplit } from '../data/splits.ts';
import { PopularityModel } from '../models/popularity.ts';
import { userItemsFromRatings } from '../models/user-items.ts';
import { sharedDataPath } from './shared-data.ts';

/** ML-100K from ../shared, its stratified split, the train / test interactions and most-popular fitted on train. */
export async function ml100kTopKSplit(seed = 42) {
  const ds = await readMovieLens(sharedDataPath('ml-100k')!);
  const split = stratifiedSplit(ds, 0.75, seed);
  const train = userItemsFromRatings(ds, split.train);
  const test = userItemsFromRatings(ds, split.test);
  return { ds, split, train, test, popular: PopularityModel.fromUserItems(train) };
}
