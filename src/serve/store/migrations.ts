/**
 * The one migration list both stores apply, in order. A step is plain SQL both dialects accept, or a
 * `{ sqlite, postgres }` pair where they differ. Applied versions are kept in `schema_migrations`.
 */

/** SQL text of one dialect. */
export type Dialect = 'sqlite' | 'postgres';

/** One schema change. */
export interface Migration {
  version: number;
  name: string;
  sql: string | Record<Dialect, string>;
}

/** The bookkeeping table, created before any migration runs. */
export const MIGRATIONS_TABLE =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

/** Every migration, oldest first. Never edit a released one: append a new step. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users',
    sql: `CREATE TABLE users (
      id BIGINT PRIMARY KEY,
      name TEXT NOT NULL,
      genres TEXT NOT NULL,
      token_hash TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
  },
  {
    version: 2,
    name: 'ratings',
    sql: `CREATE TABLE ratings (
      user_id BIGINT NOT NULL,
      movie_id BIGINT NOT NULL,
      rating REAL NOT NULL CHECK (rating >= 0.5 AND rating <= 5),
      rated_at TEXT NOT NULL,
      PRIMARY KEY (user_id, movie_id)
    )`,
  },
  {
    version: 3,
    name: 'models',
    sql: `CREATE TABLE models (
      version TEXT PRIMARY KEY,
      path TEXT NOT NULL,
      trained_at TEXT NOT NULL,
      dataset TEXT NOT NULL,
      metrics TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 0
    )`,
  },
];

/** The SQL of `migration` in `dialect`. */
export function migrationSql(migration: Migration, dialect: Dialect): string {
  return typeof migration.sql === 'string' ? migration.sql : migration.sql[dialect];
}
