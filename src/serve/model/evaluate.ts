/**
 * Held-out retrieval metrics in the TFRS `FactorizedTopK` sense: a held-out (user, movie) pair is a
 * hit at k when fewer than k movies outscore it for that user (no exclusion of seen movies). The
 * most-popular baseline is scored the same way, as DESIGN.md asks.
 */
import type { MovieLensDataset } from '../../data/schema.ts';
import type { Split } from '../../data/splits.ts';

const KS = [10, 100] as const;

/** Hit rates of `scoreOf(user)` (a score per movie row) over the held-out pairs. */
function topKHitRates(ds: MovieLensDataset, test: Int32Array, scoreOf: (userRow: number) => Float32Array): number[] {
  const byUser = new Map<number, number[]>();
  for (const i of test) {
    const u = ds.ratings.user[i];
    (byUser.get(u) ?? byUser.set(u, []).get(u)!).push(ds.ratings.movie[i]);
  }
  const hits = KS.map(() => 0);
  for (const [u, movies] of byUser) {
    const scores = scoreOf(u);
    for (const m of movies) {
      let above = 0;
      for (let j = 0; j < scores.length; j++) if (scores[j] > scores[m]) above++;
      KS.forEach((k, i) => (hits[i] += above < k ? 1 : 0));
    }
  }
  return hits.map((h) => h / Math.max(1, test.length));
}

/** Retrieval top-10/top-100 of the embeddings and of most-popular, on `split.test`. */
export function retrievalMetrics(ds: MovieLensDataset, split: Split, userEmbeddings: Float32Array, movieEmbeddings: Float32Array, dim: number): Record<string, number> {
  const numMovies = ds.movies.length;
  const popularity = new Float32Array(numMovies);
  for (const i of split.train) popularity[ds.ratings.movie[i]]++;
  const model = topKHitRates(ds, split.test, (u) => {
    const out = new Float32Array(numMovies);
    for (let m = 0; m < numMovies; m++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += userEmbeddings[u * dim + d] * movieEmbeddings[m * dim + d];
      out[m] = s;
    }
    return out;
  });
  const popular = topKHitRates(ds, split.test, () => popularity);
  return {
    retrieval_top10: model[0], retrieval_top100: model[1],
    popularity_top10: popular[0], popularity_top100: popular[1],
  };
}
