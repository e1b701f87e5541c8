/**
 * The embedded default store: one SQLite file in WAL mode with `synchronous = FULL`, so a rating the
 * API has accepted is on disk before the reply and survives a kill or a power cut.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqlStore, type Row, type SqlDriver, type SqlValue, type Statement } from './sql-store.ts';

/** A `SqlDriver` over better-sqlite3 (synchronous underneath; wrapped in promises). */
class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
  }

  async all(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    const statement = this.db.prepare(sql);
    return statement.reader ? (statement.all(...params) as Row[]) : (statement.run(...params), []);
  }

  async batch(statements: Statement[]): Promise<void> {
    this.db.transaction(() => {
      for (const [sql, params] of statements) this.db.prepare(sql).run(...params);
    })();
  }

  async exclusive<T>(_key: number, work: () => Promise<T>): Promise<T> {
    return work();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Opens (creating if needed) the SQLite store in `file` (`:memory:` for a throw-away one). */
export function openSqliteStore(file: string): SqlStore {
  return new SqlStore(new SqliteDriver(file));
}
