import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffRole } from '../../shared/schema/common.ts';
import type { Principal } from '../../shared/sync/scope.ts';
import { HttpError } from '../errors.ts';
import { sha256, type TokenStore } from './tokens.ts';

const principals = new WeakMap<FastifyRequest, Principal>();

/** Routes anyone may call. Everything else needs a bearer token. */
export const PUBLIC_ROUTES = new Set(['/healthz', '/api/v1/enrol']);

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

/** Rate limits count per caller: per token when there is one (never the raw secret), else per IP. */
export function rateLimitKey(request: FastifyRequest): string {
  const token = bearerToken(request);
  return token === null ? `ip:${request.ip}` : `tok:${sha256(token).slice(0, 32)}`;
}

/** Authenticates before the body is read, so an anonymous caller cannot make us parse 8 MiB. */
export function installAuth(app: FastifyInstance, tokens: TokenStore): void {
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    if (route === undefined || PUBLIC_ROUTES.has(route)) return;
    const token = bearerToken(request);
    if (token === null) throw new HttpError(401, 'missing bearer token: send "Authorization: Bearer <token>"');
    const principal = await tokens.resolve(token);
    if (principal === null) throw new HttpError(401, 'unknown or revoked token');
    principals.set(request, principal);
  });
}

export function principalOf(request: FastifyRequest): Principal {
  const p = principals.get(request);
  if (p === undefined) throw new HttpError(401, 'not authenticated');
  return p;
}

/** The caller must be a person with one of `roles`. */
export function requirePerson(request: FastifyRequest, roles: readonly StaffRole[]): Extract<Principal, { kind: 'person' }> {
  const p = principalOf(request);
  if (p.kind !== 'person' || !roles.includes(p.role)) {
    throw new HttpError(403, `this needs a person token with role ${roles.join(' or ')}`);
  }
  return p;
}

/**
 * The site a list is for: the `siteId` asked for (which the person must have access to), else
 * the person's own site, else null (all sites). `asked` is the raw query value; empty = none.
 */
export function siteFilter(p: Principal, asked: unknown): string | null {
  if (asked !== undefined && typeof asked !== 'string') throw new HttpError(400, 'siteId must be given once');
  if (asked === undefined || asked === '') return p.siteId;
  requireSiteAccess(p, asked);
  return asked;
}

/** A site-bound person may act only for their own site. */
export function requireSiteAccess(p: Principal, siteId: string): void {
  if (p.siteId !== null && p.siteId !== siteId) {
    throw new HttpError(403, `this token belongs to site ${p.siteId} and may not act for site ${siteId}`);
  }
}
