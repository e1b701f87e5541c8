/**
 * Write tokens: one admin token for the whole server, and a token per app user issued at
 * onboarding. Only SHA-256 hashes are stored; comparisons are constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Store } from '../store/types.ts';
import { ApiError } from './errors.ts';

/** A fresh random token (URL-safe, 256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The admin token: `$MAXELLA_ADMIN_TOKEN` when set, else the one saved in `file`, else a new one saved
 * there (mode 0600). `generated` is true only in the last case, the one time the caller shows it.
 */
export function adminTokenFrom(file: string, env = process.env.MAXELLA_ADMIN_TOKEN): { token: string; source: string; generated: boolean } {
  if (env) return { token: env, source: '$MAXELLA_ADMIN_TOKEN', generated: false };
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (!/^\S{16,}$/.test(token)) throw new Error(`${file}: the admin token file must hold one token of 16 or more characters (delete it to have a new one generated)`);
    return { token, source: file, generated: false };
  }
  const token = newToken();
  mkdirSync(dirname(file), { recursive: true });
  // Written whole beside it, then linked into place: replicas starting together agree on one token.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${token}\n`, { mode: 0o600 });
  try {
    linkSync(partial, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return adminTokenFrom(file, env);
    throw error;
  } finally {
    rmSync(partial, { force: true });
  }
  return { token, source: file, generated: true };
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The bearer token of a request, or undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Checks tokens against the admin token and the store. */
export class Authenticator {
  private readonly adminHash: string;

  constructor(adminToken: string, private readonly store: Store) {
    this.adminHash = hashToken(adminToken);
  }

  /** Throws 401/403 unless the request carries the admin token. */
  requireAdmin(request: FastifyRequest): void {
    const token = this.requireToken(request);
    if (!sameHash(hashToken(token), this.adminHash)) throw new ApiError(403, 'forbidden', 'this action needs the admin token');
  }

  /** Throws 401/403 unless the request carries `userId`'s token or the admin token. */
  async requireUser(request: FastifyRequest, userId: number): Promise<void> {
    this.requireToken(request);
    if (!(await this.mayActAs(request, userId))) throw new ApiError(403, 'forbidden', `the token is not valid for user ${userId}`);
  }

  /** Whether the request carries `userId`'s token or the admin token (no `userId`: the admin token only); never throws. */
  async mayActAs(request: FastifyRequest, userId?: number): Promise<boolean> {
    const token = bearerToken(request);
    if (!token) return false;
    const hash = hashToken(token);
    if (sameHash(hash, this.adminHash)) return true;
    const stored = userId === undefined ? undefined : await this.store.tokenHash(userId);
    return stored !== undefined && sameHash(hash, stored);
  }

  private requireToken(request: FastifyRequest): string {
    const token = bearerToken(request);
    if (!token) throw new ApiError(401, 'unauthorized', 'missing "Authorization: Bearer <token>" header');
    return token;
  }
}
