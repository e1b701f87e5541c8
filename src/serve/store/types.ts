/**
 * The app's persistent state: users created at onboarding, the ratings people give in the app, and
 * the metadata of trained models. MovieLens users and their ratings stay in the dataset (read-only);
 * the store holds only what the app adds. Two implementations share one SQL layer and one migration
 * list: SQLite (embedded default) and PostgreSQL.
 */

/** A user created in the app (onboarding). Ids start at `APP_USER_ID_BASE` to never meet MovieLens ids. */
export interface AppUser {
  id: number;
  name: string;
  /** Genre indices (into TFDS_GENRES) chosen at onboarding. */
  genres: number[];
  createdAt: string;
}

/** One rating given in the app; `userId` is an app user or a MovieLens user id, `movieId` a MovieLens id. */
export interface StoredRating {
  userId: number;
  movieId: number;
  rating: number;
  ratedAt: string;
}

/** Metadata of one trained model artifact. */
export interface ModelRecord {
  version: string;
  /** The artifact folder. */
  path: string;
  trainedAt: string;
  dataset: string;
  metrics: Record<string, number>;
  active: boolean;
}

/** The first id given to app users (MovieLens releases have at most ~300k users). */
export const APP_USER_ID_BASE = 1_000_000;

/** What the server needs from storage. Every method resolves only once the change is durable. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations; resolves to the number applied. */
  migrate(): Promise<number>;
  /** Creates a user with the next free id; `tokenHash` is the SHA-256 of its write token. */
  createUser(input: { name: string; genres: number[]; tokenHash: string }): Promise<AppUser>;
  getUser(id: number): Promise<AppUser | undefined>;
  /** The stored token hash of a user, if any. */
  tokenHash(userId: number): Promise<string | undefined>;
  listUsers(limit: number, offset: number): Promise<AppUser[]>;
  countUsers(): Promise<number>;
  /** Inserts or replaces the rating of (user, movie). */
  putRating(rating: StoredRating): Promise<void>;
  /** The user's ratings, oldest first. */
  ratingsOf(userId: number): Promise<StoredRating[]>;
  /** Every rating in the store (for retraining). */
  allRatings(): Promise<StoredRating[]>;
  countRatings(): Promise<number>;
  /** Records a model and, when `active`, makes it the only active one. */
  recordModel(model: ModelRecord): Promise<void>;
  activeModel(): Promise<ModelRecord | undefined>;
  listModels(): Promise<ModelRecord[]>;
  close(): Promise<void>;
}
