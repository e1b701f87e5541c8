/** A malformed command-line argument: `maxella` prints its message and exits with 2 (usage). */
export class UsageError extends Error {}
