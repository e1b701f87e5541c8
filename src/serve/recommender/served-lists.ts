/**
 * The online measure of the served lists: of the ratings that arrive through the API, how many are of a
 * movie that was in that user's last served top-10. The last list of up to `maxUsers` users is kept
 * (least recently served forgotten first), so memory stays bounded; counts are per process.
 */

/** Served-list hits so far. */
export interface OnlineListStats {
  /** Ratings received through the API since start. */
  ratings: number;
  /** Of those, ratings of a movie the user's last served top-10 held. */
  inLastTop10: number;
  /** Ratings from users who had been served a list. */
  afterAList: number;
}

/** Remembers each user's last served top-10 and counts ratings that hit it. */
export class ServedLists {
  private readonly lists = new Map<number, Set<number>>();
  private readonly stats: OnlineListStats = { ratings: 0, inLastTop10: 0, afterAList: 0 };

  constructor(private readonly maxUsers = 100_000) {}

  /** Notes the list just served to `userId` (its first 10 movie ids count). */
  served(userId: number, movieIds: readonly number[]): void {
    this.lists.delete(userId);
    this.lists.set(userId, new Set(movieIds.slice(0, 10)));
    if (this.lists.size > this.maxUsers) this.lists.delete(this.lists.keys().next().value!);
  }

  /** Counts a rating of `movieId` by `userId` that arrived through the API. */
  rated(userId: number, movieId: number): void {
    this.stats.ratings++;
    const list = this.lists.get(userId);
    if (!list) return;
    this.stats.afterAList++;
    if (list.has(movieId)) this.stats.inLastTop10++;
  }

  snapshot(): OnlineListStats {
    return { ...this.stats };
  }
}
