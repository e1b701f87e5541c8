/**
 * Write tokens: one admin token for the whole server, and a token per app user issued at
 * onboarding. Only SHA-256 hashes are stored; comparisons are constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Store } from '../store/types.ts';
import { ApiError } from './errors.ts';

/** A fresh random token (URL-safe, 256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
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
    const hash = hashToken(this.requireToken(request));
    if (sameHash(hash, this.adminHash)) return;
    const stored = await this.store.tokenHash(userId);
    if (!stored || !sameHash(hash, stored)) throw new ApiError(403, 'forbidden', `the token is not valid for user ${userId}`);
  }

  private requireToken(request: FastifyRequest): string {
    const token = bearerToken(request);
    if (!token) throw new ApiError(401, 'unauthorized', 'missing "Authorization: Bearer <token>" header');
    return token;
  }
}
