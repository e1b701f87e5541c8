/**
 * Fold-in latency: how long a new rating takes to change the served list, with no retraining. The app
 * runs in-process on `--data` (trained once into /tmp/maxella-bench/<data>/models); a brand-new user is
 * onboarded with a few ratings, then `--ratings` times: POST one rating of a movie from their current
 * list, then GET their top-10 (which must no longer hold it). Prints min / median / p99 / max of the
 * rating → new list round trip over HTTP, and of the top-K model's fold-in alone, beside the time a
 * full refit of the same top-K model takes (the reference a retrain-per-rating design would pay).
 *
 *   node --import tsx bench/serve/fold-in.ts [--data ml-100k] [--ratings 200]
 */
import { join } from 'node:path';
import { userItemsFromRatings } from '../../src/models/user-items.ts';
import { startApp } from '../../src/serve/app.ts';
import { easeCandidate } from '../../src/train/top-k-candidates.ts';
import { benchArgs, positive } from '../args.ts';

const args = benchArgs('fold-in', 'A new rating → the new top-10 over HTTP with no retrain (min / median / p99 / max), beside a full refit.', {
  data: { type: 'string', default: 'ml-100k', help: 'dataset the app is trained on' },
  ratings: { type: 'string', default: '200', help: 'ratings posted, one list fetched after each' },
});
const ratingsToPost = positive('ratings', args.ratings);
const root = join('/tmp', 'maxella-bench', args.data!.replace(/[^\w.-]/g, '_'));
const ADMIN = 'bench-admin-token';

function spread(name: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `${name.padEnd(34)} n=${String(s.length).padStart(4)}  min ${s[0].toFixed(2)}  median ${at(0.5).toFixed(2)}  p99 ${at(0.99).toFixed(2)}  max ${s[s.length - 1].toFixed(2)} ms`;
}

const app = await startApp({ data: args.data!, db: join(root, `fold-in-${process.pid}.db`), artifacts: join(root, 'models'), port: 0, host: '127.0.0.1', adminToken: ADMIN, rateLimit: 1e9, writeRateLimit: 1e9, log: () => {} });
try {
  const { catalog } = app.context;
  const json = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${app.url}${path}`, init);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ items: { movie: { id: number } }[] } & Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const seed = Array.from(catalog.popularRows.subarray(0, 5), (row, i) => ({ movieId: catalog.movieId(row), rating: 5 - i }));
  const created = await json('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench', ratings: seed }) });
  const { user, token } = created as unknown as { user: { id: number }; token: string };
  let list = (created.recommendations as { items: { movie: { id: number } }[] }).items;
  const roundTrips: number[] = [];
  for (let i = 0; i < ratingsToPost; i++) {
    const movieId = list[i % list.length].movie.id;
    const started = performance.now();
    await json(`/api/users/${user.id}/ratings`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ movieId, rating: 1 + (i % 5) }) });
    list = (await json(`/api/users/${user.id}/recommendations?k=10`)).items;
    roundTrips.push(performance.now() - started);
    if (list.some((item) => item.movie.id === movieId)) throw new Error(`movie ${movieId} is still recommended after being rated`);
  }
  const { topK } = app.context.models.current.models;
  const ds = catalog.dataset;
  const history = { movies: Int32Array.from(catalog.popularRows.subarray(0, 50)) };
  const foldIns: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    topK.scoreHistory(history);
    foldIns.push(performance.now() - started);
  }
  const refits: number[] = [];
  if (topK.className === 'EaseModel') {
    const all = userItemsFromRatings(ds);
    const config = topK.getConfig() as { lambda: number };
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      easeCandidate().fit(all, { lambda: config.lambda }, 1);
      refits.push(performance.now() - started);
    }
  }
  console.log(`fold-in on ${ds.name} (${ds.ratings.length} ratings, ${ds.movies.length} movies), top-K model ${topK.className}; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(spread('POST rating → GET top-10 (HTTP)', roundTrips));
  console.log(spread('top-K fold-in alone (50 ratings)', foldIns));
  if (refits.length) console.log(`${spread('reference: full refit of the model', refits)}  (fold-in is ${(refits.sort((a, b) => a - b)[1] / foldIns.sort((a, b) => a - b)[100]).toFixed(0)}× faster)`);
} finally {
  await app.close();
}
