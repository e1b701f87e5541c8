/** The PostgreSQL store: same schema and migrations as SQLite, through a `pg` connection pool. */
import pg from 'pg';
import { SqlStore, type Row, type SqlDriver, type SqlValue, type Statement } from './sql-store.ts';

/** Rewrites `?` placeholders as PostgreSQL's `$1, $2, ...` (our SQL has no `?` inside literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A `SqlDriver` over a `pg.Pool`. */
class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(connectionString: string) {
    this.pool = new pg.Pool({ connectionString, max: 8 });
  }

  async all(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    return (await this.pool.query(numberPlaceholders(sql), params)).rows as Row[];
  }

  async batch(statements: Statement[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const [sql, params] of statements) await client.query(numberPlaceholders(sql), params);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async exclusive<T>(key: number, work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [key]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Connects to PostgreSQL at `url` (postgres://user@host:port/db). */
export function openPostgresStore(url: string): SqlStore {
  return new SqlStore(new PostgresDriver(url));
}
