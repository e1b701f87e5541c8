/**
 * Request validation: bodies are checked strictly (a string where a number goes is an error), while
 * query strings and path parameters, which are always text, are coerced to the declared types.
 * Messages name the field: `body/rating must be <= 5`, `querystring has unknown field "x"`.
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';

function makeAjv(coerce: boolean | 'array'): Ajv {
  return new Ajv({ coerceTypes: coerce, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
}

/** One readable sentence for the first validation error. */
export function formatValidationError(errors: FastifySchemaValidationError[], context: string): Error {
  const e = errors[0] as ErrorObject;
  const path = `${context}${e.instancePath}`;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return new Error(`${path} has unknown field "${String(params.additionalProperty)}"`);
  if (e.keyword === 'required') return new Error(`${path}/${String(params.missingProperty)} is required`);
  if (e.keyword === 'enum') return new Error(`${path} must be one of ${(params.allowedValues as unknown[]).join(', ')}`);
  return new Error(`${path} ${e.message ?? 'is invalid'}`);
}

/** Installs the two validators and the error formatter. */
export function installValidation(app: FastifyInstance): void {
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
  app.setSchemaErrorFormatter(formatValidationError);
}
