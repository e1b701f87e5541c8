/** The data a retraining uses: the dataset plus the ratings given in the app (from the store at `db`). */
import { existsSync } from 'node:fs';
import type { MovieLensDataset } from '../data/schema.ts';
import { withAppRatings } from './model/merge.ts';
import { openStore } from './store/open.ts';

/** True when `db` names a PostgreSQL server rather than a SQLite file. */
const isPostgres = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);

/**
 * `ds` with the app's ratings from the store at `db` merged in (see merge.ts), and how many there were.
 * A SQLite file that does not exist adds nothing (and is not created).
 */
export async function withStoredRatings(ds: MovieLensDataset, db: string): Promise<{ ds: MovieLensDataset; appRatings: number }> {
  if (!isPostgres(db) && db !== ':memory:' && !existsSync(db)) return { ds, appRatings: 0 };
  const store = await openStore(db);
  try {
    const stored = await store.allRatings();
    return { ds: stored.length > 0 ? withAppRatings(ds, stored) : ds, appRatings: stored.length };
  } finally {
    await store.close();
  }
}
