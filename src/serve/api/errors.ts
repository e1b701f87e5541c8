/**
 * Every API error is JSON `{ error: { code, message } }`. `ApiError` carries the HTTP status; the
 * handlers below turn validation failures, oversized bodies, bad JSON, rate limits and unknown routes
 * into the same shape.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** An error with an HTTP status and a stable machine-readable code. */
export class ApiError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) {
    super(message);
  }
}

/** 404 for an id that does not exist. */
export function notFound(what: string, id: number | string): ApiError {
  return new ApiError(404, 'not_found', `${what} ${id} does not exist`);
}

/** The JSON body of an error reply. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** JSON schema of `ErrorBody` (for the OpenAPI document). */
export const ERROR_SCHEMA = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } },
  required: ['error'],
} as const;

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict',
  413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'rate_limited', 503: 'unavailable',
};

/** The code and message of any error thrown while handling request `requestId`. */
export function toErrorBody(error: FastifyError | ApiError, requestId = 'unknown'): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) return { status: error.statusCode, body: { error: { code: error.code, message: error.message } } };
  const status = error.validation ? 400 : error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  const code = error.validation ? 'invalid_request' : (CODES_BY_STATUS[status] ?? 'internal_error');
  const message = status >= 500 ? `internal error; the server log has the details under request id ${requestId}` : error.message;
  return { status, body: { error: { code, message } } };
}

/** Fastify's `frameworkErrors`: a URL that cannot be decoded (`/%zz`) answers 400 in the error shape. */
export function badUrl(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(400).send({ error: { code: 'bad_url', message: `the URL ${JSON.stringify(request.url.slice(0, 200))} cannot be decoded: ${error.message}` } });
}

/**
 * Installs the JSON error and not-found handlers. Every 5xx is logged with its request id: through the
 * request logger when logging is on, else through `fallbackLog` (stderr), so it is never lost.
 */
export function installErrorHandlers(app: FastifyInstance, fallbackLog?: (line: string) => void): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = toErrorBody(error, request.id);
    if (status >= 500) {
      if (fallbackLog) fallbackLog(`maxella: ${status} on ${request.method} ${request.url.split('?')[0]} (request id ${request.id}): ${error.stack ?? error.message}`);
      else request.log.error({ err: error, reqId: request.id }, 'request failed');
    }
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });
}
