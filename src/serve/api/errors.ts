/**
 * Every API error is JSON `{ error: { code, message } }`. `ApiError` carries the HTTP status; the
 * handlers below turn validation failures, oversized bodies, bad JSON, rate limits and unknown routes
 * into the same shape.
 */
import type { FastifyError, FastifyInstance } from 'fastify';

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

/** The code and message of any error thrown while handling a request. */
export function toErrorBody(error: FastifyError | ApiError): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) return { status: error.statusCode, body: { error: { code: error.code, message: error.message } } };
  const status = error.validation ? 400 : error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  const code = error.validation ? 'invalid_request' : (CODES_BY_STATUS[status] ?? 'internal_error');
  const message = status === 500 ? 'internal error (see the server log)' : error.message;
  return { status, body: { error: { code, message } } };
}

/** Installs the JSON error and not-found handlers. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = toErrorBody(error);
    if (status === 500) request.log.error(error);
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });
}
