/**
 * The web UI: the files under ../ui, read once at start and served by name (no file-system path
 * from the request is ever opened); headers.ts adds the Content-Security-Policy to every HTML reply.
 */
import type { FastifyInstance } from 'fastify';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The UI folder. */
export const UI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'ui');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Registers GET / and GET /ui/<file> for every UI file. */
export function staticRoutes(app: FastifyInstance): void {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const path of listFiles(UI_DIR)) {
    const type = TYPES[extname(path)];
    if (type) files.set(relative(UI_DIR, path).split('\\').join('/'), { body: readFileSync(path), type });
  }
  const send = (name: string) => files.get(name);
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const file = send('index.html')!;
    return reply.type(file.type).send(file.body);
  });
  app.get<{ Params: { '*': string } }>('/ui/*', { schema: { hide: true } }, async (request, reply) => {
    const file = send(request.params['*']);
    if (!file) return reply.status(404).send({ error: { code: 'not_found', message: `no UI file ${request.params['*']}` } });
    return reply.type(file.type).header('Cache-Control', 'no-cache').send(file.body);
  });
}
