/**
 * The embedded default store: one SQLite file in WAL mode with `synchronous = FULL`, so a rating the
 * API has accepted is on disk before the reply and survives a kill or a power cut.
 *
 * Opening refuses bad state loudly, naming the file: a file that is not a SQLite database, one that
 * fails `PRAGMA quick_check` (corrupted pages), and a 0-byte file. A 0-byte file is refused rather than
 * taken as a new empty store: it is what a truncated copy or a failed restore leaves, and starting on it
 * would silently serve the app without its users and ratings. A missing file is a new, empty store.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqlStore, type Row, type SqlDriver, type SqlValue, type Statement } from './sql-store.ts';

/** A `SqlDriver` over better-sqlite3 (synchronous underneath; wrapped in promises). */
class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
      if (existsSync(file) && statSync(file).isFile() && statSync(file).size === 0) {
        throw new Error(`${file}: is an empty (0-byte) file, not a Maxella database; refusing to start on it as an empty store. ${RECOVERY}`);
      }
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(file);
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      const problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');
      if (problems.length > 0) throw new Error(`failed its integrity check (PRAGMA quick_check): ${problems.join('; ')}`);
    } catch (error) {
      db?.close();
      throw new Error(`${file}: not a usable SQLite database: ${(error as Error).message}. ${RECOVERY}`);
    }
    this.db = db;
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

const RECOVERY = 'Restore it from a backup, or move it away to start with a new, empty store (the app\'s users and ratings would be lost)';

/** Opens (creating if needed) the SQLite store in `file` (`:memory:` for a throw-away one); bad files throw, see the file comment. */
export function openSqliteStore(file: string): SqlStore {
  return new SqlStore(new SqliteDriver(file));
}
