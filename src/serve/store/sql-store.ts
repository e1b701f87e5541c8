/**
 * `Store` over any SQL driver: every query is written once, with `?` placeholders, and runs on SQLite
 * and PostgreSQL alike. The drivers (sqlite.ts, postgres.ts) only execute statements.
 */
import { MIGRATION_LOCK, MIGRATIONS, MIGRATIONS_TABLE, migrationSql, type Dialect } from './migrations.ts';
import { type AppUser, type ModelRecord, type Store, type StoredRating } from './types.ts';

/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null;
/** One statement and its parameters. */
export type Statement = [sql: string, params: SqlValue[]];
/** A row as the driver returns it (PostgreSQL gives BIGINT as strings, hence the conversions below). */
export type Row = Record<string, unknown>;

/** The few operations a database must offer. */
export interface SqlDriver {
  readonly dialect: Dialect;
  all(sql: string, params?: SqlValue[]): Promise<Row[]>;
  /** Runs the statements in one transaction: all or none. */
  batch(statements: Statement[]): Promise<void>;
  /**
   * Runs `work` while holding the database-wide lock `key`, so that other processes on the same
   * database wait (PostgreSQL: a session advisory lock; SQLite, one file with one writer at a time:
   * its own write lock already serialises each step).
   */
  exclusive<T>(key: number, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const USER_COLUMNS = 'id, name, genres, created_at';
const MODEL_COLUMNS = 'version, path, trained_at, dataset, metrics, active';

function toUser(row: Row): AppUser {
  return { id: Number(row.id), name: String(row.name), genres: JSON.parse(String(row.genres)) as number[], createdAt: String(row.created_at) };
}

function toRating(row: Row): StoredRating {
  return { userId: Number(row.user_id), movieId: Number(row.movie_id), rating: Number(row.rating), ratedAt: String(row.rated_at) };
}

function toModel(row: Row): ModelRecord {
  return {
    version: String(row.version),
    path: String(row.path),
    trainedAt: String(row.trained_at),
    dataset: String(row.dataset),
    metrics: JSON.parse(String(row.metrics)) as Record<string, number>,
    active: Number(row.active) === 1,
  };
}

/** The `Store` implementation shared by both databases. */
export class SqlStore implements Store {
  readonly kind: Dialect;

  constructor(private readonly db: SqlDriver) {
    this.kind = db.dialect;
  }

  /** Applies pending migrations under the migration lock (see migrations.ts); resolves to how many. */
  migrate(): Promise<number> {
    return this.db.exclusive(MIGRATION_LOCK, async () => {
      await this.db.batch([[MIGRATIONS_TABLE, []]]);
      const applied = new Set((await this.db.all('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
      let count = 0;
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await this.db.batch([
          ...migrationSql(migration, this.kind).map((sql): Statement => [sql, []]),
          ['INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, new Date().toISOString()]],
        ]);
        count++;
      }
      return count;
    });
  }

  /** Creates a user; its id comes from the database's own counter (migration 4), safe across replicas. */
  async createUser(input: { name: string; genres: number[]; tokenHash: string }): Promise<AppUser> {
    const rows = await this.db.all(
      `INSERT INTO users (name, genres, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING ${USER_COLUMNS}`,
      [input.name, JSON.stringify(input.genres), input.tokenHash, new Date().toISOString()],
    );
    return toUser(rows[0]);
  }

  async getUser(id: number): Promise<AppUser | undefined> {
    const rows = await this.db.all(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, [id]);
    return rows.length ? toUser(rows[0]) : undefined;
  }

  async tokenHash(userId: number): Promise<string | undefined> {
    const rows = await this.db.all('SELECT token_hash FROM users WHERE id = ?', [userId]);
    return rows.length ? String(rows[0].token_hash) : undefined;
  }

  async listUsers(limit: number, offset: number): Promise<AppUser[]> {
    return (await this.db.all(`SELECT ${USER_COLUMNS} FROM users ORDER BY id LIMIT ? OFFSET ?`, [limit, offset])).map(toUser);
  }

  async countUsers(): Promise<number> {
    return Number((await this.db.all('SELECT COUNT(*) AS n FROM users'))[0].n);
  }

  async putRating(r: StoredRating): Promise<void> {
    await this.db.batch([[
      `INSERT INTO ratings (user_id, movie_id, rating, rated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, movie_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at`,
      [r.userId, r.movieId, r.rating, r.ratedAt],
    ]]);
  }

  async ratingsOf(userId: number): Promise<StoredRating[]> {
    return (await this.db.all('SELECT * FROM ratings WHERE user_id = ? ORDER BY rated_at, movie_id', [userId])).map(toRating);
  }

  async allRatings(): Promise<StoredRating[]> {
    return (await this.db.all('SELECT * FROM ratings ORDER BY user_id, rated_at')).map(toRating);
  }

  async countRatings(): Promise<number> {
    return Number((await this.db.all('SELECT COUNT(*) AS n FROM ratings'))[0].n);
  }

  async recordModel(m: ModelRecord): Promise<void> {
    const upsert: Statement = [
      `INSERT INTO models (${MODEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (version) DO UPDATE SET path = excluded.path, trained_at = excluded.trained_at,
         dataset = excluded.dataset, metrics = excluded.metrics, active = excluded.active`,
      [m.version, m.path, m.trainedAt, m.dataset, JSON.stringify(m.metrics), m.active ? 1 : 0],
    ];
    await this.db.batch(m.active ? [['UPDATE models SET active = 0 WHERE active = 1', []], upsert] : [upsert]);
  }

  async activeModel(): Promise<ModelRecord | undefined> {
    const rows = await this.db.all(`SELECT ${MODEL_COLUMNS} FROM models WHERE active = 1`);
    return rows.length ? toModel(rows[0]) : undefined;
  }

  async listModels(): Promise<ModelRecord[]> {
    return (await this.db.all(`SELECT ${MODEL_COLUMNS} FROM models ORDER BY trained_at DESC`)).map(toModel);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
