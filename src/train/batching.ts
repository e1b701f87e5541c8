/** The row order of one training epoch. */
import { Rng } from '../util/random.ts';
import { deriveSeed } from '../layers/initializers.ts';

/**
 * Row indices 0..n-1 for `epoch`, shuffled with a generator seeded from (seed, epoch) when
 * `shuffle`: any epoch's order can be recomputed on its own, which makes resumed runs identical.
 */
export function epochOrder(n: number, shuffle: boolean, seed: number, epoch: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (shuffle) new Rng(deriveSeed(seed, epoch)).shuffle(order);
  return order;
}
