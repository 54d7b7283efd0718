import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { StaffRole } from '../../shared/schema/common.ts';

const ROLES: readonly string[] = ['packer', 'lead', 'customer_service', 'manager', 'admin'] satisfies StaffRole[];

function isStaffRole(role: string | null): role is StaffRole {
  return role !== null && ROLES.includes(role);
}
import type { Principal } from '../../shared/sync/scope.ts';
import type { Tables } from '../db/tables.ts';

/** A bearer token: 32 random bytes, base64url. Only its SHA-256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compares digests, so neither the length nor a prefix of the secret leaks through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export const ADMIN_PRINCIPAL: Principal = { kind: 'person', id: 'admin', role: 'admin', siteId: null, name: 'admin (PACKLINE_ADMIN_TOKEN)' };

const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;

/**
 * Turns bearer tokens into principals. Lookups are cached for a few seconds because every
 * sync request authenticates; a revocation therefore takes effect within CACHE_TTL_MS.
 */
export class TokenStore {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly adminToken: string | null,
  ) {}

  /** After a revocation: this process asks the database again at once (others within CACHE_TTL_MS). */
  forgetCached(): void {
    this.cache.clear();
  }

  async resolve(token: string): Promise<Principal | null> {
    if (this.adminToken !== null && constantTimeEqual(token, this.adminToken)) return ADMIN_PRINCIPAL;
    const hash = sha256(token);
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.principal;
    const row = await this.db
      .selectFrom('tokens')
      .select(['kind', 'principal_id', 'name', 'role', 'site_id'])
      .where('token_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    let principal: Principal | null = null;
    if (row?.kind === 'device' && row.site_id !== null) {
      principal = { kind: 'device', id: row.principal_id, siteId: row.site_id, name: row.name };
    } else if (row?.kind === 'person' && isStaffRole(row.role)) {
      principal = { kind: 'person', id: row.principal_id, role: row.role, siteId: row.site_id, name: row.name };
    }
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(hash, { principal, until: now + CACHE_TTL_MS });
    return principal;
  }

  /** Stores a new token for a principal and returns the secret, which is never stored. */
  async issue(db: Kysely<Tables>, p: Principal): Promise<string> {
    const token = newToken();
    await db
      .insertInto('tokens')
      .values({
        id: uuidv7(),
        token_hash: sha256(token),
        kind: p.kind,
        principal_id: p.id,
        name: p.name,
        role: p.kind === 'person' ? p.role : null,
        site_id: p.siteId,
        revoked_at: null,
      })
      .execute();
    return token;
  }
}
