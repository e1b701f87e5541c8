/** Picks the store from a `--db` value: a postgres:// URL, or a SQLite file path. */
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

/** Opens and migrates the store named by `db`. */
export async function openStore(db: string): Promise<Store> {
  const store = /^postgres(ql)?:\/\//.test(db) ? openPostgresStore(db) : openSqliteStore(db);
  await store.migrate();
  return store;
}

/** `db` with any password masked, for logs. */
export function describeDb(db: string): string {
  return db.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
