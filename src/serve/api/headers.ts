/**
 * Response headers every reply gets: no MIME sniffing, no referrer, a request id to quote from the
 * log; every HTML page a strict Content-Security-Policy and no framing; every API reply
 * `Cache-Control: no-store` (they carry tokens and personal ratings) unless the route set its own.
 */
import type { FastifyInstance } from 'fastify';

/** Scripts and styles only from this server; posters may come from anywhere over https. */
export const CSP = "default-src 'self'; img-src 'self' data: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Installs the headers above. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Request-Id', request.id);
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('Content-Security-Policy', CSP);
      reply.header('X-Frame-Options', 'DENY');
    }
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
}
