// Type-checked by package.test.ts against the shipped declarations only (no sources in the project).
import { BruteForce } from 'maxella/layers';
import { FactorizedTopK } from 'maxella/metrics';
import { EaseModel, PopularityModel, TwoTowerModel, type History } from 'maxella/models';
import { Retrieval } from 'maxella/tasks';
import { Adam, BayesianOptimization } from 'maxella/train';
import type { AppOptions } from 'maxella/serve';
import * as mx from 'maxella';

const split: mx.Split = mx.randomSplit(10, [0.8, 0.2], 1);
const rows: Int32Array = split.train;
const options: Partial<AppOptions> = { port: 8080 };
export const used = [BruteForce, FactorizedTopK, EaseModel, PopularityModel, TwoTowerModel, Retrieval, Adam, BayesianOptimization, rows, options];
export async function fitted(model: TwoTowerModel, columns: Parameters<TwoTowerModel['fit']>[0]): Promise<number[]> {
  const history: History = await model.fit(columns, { epochs: 1 });
  return history.history.loss;
}
// @ts-expect-error a wrong argument type must not type-check: the declarations are real, not `any`
mx.randomSplit('ten', [0.8, 0.2], 1);
