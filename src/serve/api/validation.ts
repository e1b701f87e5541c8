/**
 * Request validation: bodies are checked strictly (a string where a number goes is an error), while
 * query strings and path parameters, which are always text, are coerced to the declared types.
 * Integers in the URL must be written in plain decimal (`16`, not `0x10`, `1e1`, `+16`, `016` or ` 16`,
 * which a number coercion would all accept as 16). Messages name the field: `body/rating must be <= 5`,
 * `querystring has unknown field "x"`, `params/userId must be a whole number in plain decimal`.
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

const DECIMAL = /^(0|-?[1-9][0-9]*)$/;

/** Names of the integer-typed properties of an object schema (also arrays of integers). */
function integerFields(schema: { properties?: Record<string, { type?: unknown; items?: { type?: unknown } }> }): string[] {
  return Object.entries(schema.properties ?? {}).filter(([, p]) => p.type === 'integer' || p.items?.type === 'integer').map(([name]) => name);
}

/** An error Fastify reports as a 400 validation failure. */
function validationError(message: string): Error {
  return Object.assign(new Error(message), { validation: [{ message }] });
}

/** Installs the two validators and the error formatter. */
export function installValidation(app: FastifyInstance): void {
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart === 'body') return strict.compile(schema);
    const validate = coercing.compile(schema);
    const integers = integerFields(schema as object);
    if (!integers.length) return validate;
    return (data: Record<string, unknown>) => {
      for (const name of integers) {
        const raw = data?.[name];
        for (const value of Array.isArray(raw) ? raw : [raw]) {
          if (typeof value === 'string' && !DECIMAL.test(value)) {
            return { error: validationError(`${httpPart}/${name} must be a whole number in plain decimal, got ${JSON.stringify(value.slice(0, 40))}`) };
          }
        }
      }
      return validate(data) ? { value: data } : { error: validationError(formatValidationError(validate.errors as FastifySchemaValidationError[], httpPart ?? 'request').message) };
    };
  });
  app.setSchemaErrorFormatter(formatValidationError);
}
