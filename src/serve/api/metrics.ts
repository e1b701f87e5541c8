/** Request counters and latency quantiles per route, for `GET /api/metrics`. */

/** Latencies kept per route (the most recent ones). */
const WINDOW = 2048;

interface RouteStats {
  count: number;
  errors: number;
  latencies: Float64Array;
}

/** A quantile of `values` (sorted copy; q in [0, 1]). */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Counts requests and keeps a window of latencies per route. */
export class RequestMetrics {
  private readonly routes = new Map<string, RouteStats>();

  /** Records one finished request. */
  record(route: string, statusCode: number, millis: number): void {
    let stats = this.routes.get(route);
    if (!stats) this.routes.set(route, (stats = { count: 0, errors: 0, latencies: new Float64Array(WINDOW) }));
    stats.latencies[stats.count % WINDOW] = millis;
    stats.count++;
    if (statusCode >= 500) stats.errors++;
  }

  /** Per-route count, server errors and p50/p99 latency in milliseconds. */
  snapshot(): Record<string, { count: number; errors: number; p50Ms: number; p99Ms: number }> {
    const out: Record<string, { count: number; errors: number; p50Ms: number; p99Ms: number }> = {};
    for (const [route, s] of this.routes) {
      const window = s.latencies.subarray(0, Math.min(s.count, WINDOW));
      const round = (x: number) => Math.round(x * 1000) / 1000;
      out[route] = { count: s.count, errors: s.errors, p50Ms: round(quantile(window, 0.5)), p99Ms: round(quantile(window, 0.99)) };
    }
    return out;
  }
}
