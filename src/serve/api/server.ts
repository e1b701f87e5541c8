/**
 * The HTTP server: the JSON API (validated, rate-limited, documented at /openapi.json) and the web
 * UI, in one fastify instance.
 */
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { AppContext } from './context.ts';
import { ApiError, ERROR_SCHEMA, badUrl, installErrorHandlers } from './errors.ts';
import { installSecurityHeaders } from './headers.ts';
import { movieRoutes } from './routes-movies.ts';
import { systemRoutes } from './routes-system.ts';
import { userRoutes } from './routes-users.ts';
import { staticRoutes } from './static.ts';
import { installValidation } from './validation.ts';

/** Server limits. */
export interface ServerOptions {
  /** Requests per minute per client address, all routes (default 1200). */
  rateLimit?: number;
  /** Writes (ratings, onboarding) per minute per client address (default 120). */
  writeRateLimit?: number;
  /** Largest accepted request body in bytes (default 16 KiB). */
  bodyLimit?: number;
  /** Log requests (pino) to stdout. */
  logger?: boolean;
  /**
   * Addresses of load balancers whose X-Forwarded-For is believed (comma-separated IPs or CIDRs), so
   * rate limits and logs see the client's address rather than the balancer's; default none.
   */
  trustProxy?: string;
}

/** Builds the server for `ctx` (not listening yet). */
export async function buildServer(ctx: AppContext, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false, bodyLimit: opts.bodyLimit ?? 16 * 1024, trustProxy: opts.trustProxy ?? false,
    // Ids unique across replicas, so a reply's X-Request-Id finds its line in whichever server logged it.
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: badUrl,
  });
  installValidation(app);
  installErrorHandlers(app, opts.logger ? undefined : (line) => console.error(line));
  installSecurityHeaders(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Maxella movie recommender API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(rateLimit, {
    max: opts.rateLimit ?? 1200,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) => new ApiError(429, 'rate_limited', `rate limit of ${context.max} requests per ${context.after} exceeded; retry later`),
  });
  app.addSchema({ $id: 'Error', ...ERROR_SCHEMA });
  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.record(`${request.method} ${request.routeOptions.url ?? 'unmatched'}`, reply.statusCode, reply.elapsedTime);
  });
  movieRoutes(app, ctx);
  userRoutes(app, ctx, { max: opts.writeRateLimit ?? 120, timeWindow: '1 minute' });
  systemRoutes(app, ctx);
  staticRoutes(app);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
