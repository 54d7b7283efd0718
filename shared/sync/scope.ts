import type { StaffRole } from '../schema/common.ts';
import { collections, type CollectionName } from '../schema/collections.ts';
import type { RefusalRule } from './protocol.ts';

/** Who is calling: a station (device of one site) or a person with a role and a scope. */
export type Principal =
  | { kind: 'device'; id: string; siteId: string; name: string }
  | { kind: 'person'; id: string; role: StaffRole; siteId: string | null; name: string };

/** What a principal may read of a collection: every document, one site's, or nothing. */
export type ReadScope = { all: true } | { all: false; siteId: string } | { none: true };

export function allSites(p: Principal): boolean {
  return p.kind === 'person' && p.siteId === null;
}

export function readScope(p: Principal, collection: CollectionName): ReadScope {
  const kind = collections[collection].scope;
  if (kind === 'reference') return { all: true };
  if (kind === 'office') {
    if (p.kind === 'device') return { none: true };
    return { all: true };
  }
  if (p.siteId === null) return { all: true };
  return { all: false, siteId: p.siteId };
}

export type WriteCheck = { ok: true } | { ok: false; rule: RefusalRule; message: string };

const OFFICE_ROLES: readonly StaffRole[] = ['customer_service', 'manager', 'admin'];
const REFERENCE_ROLES: readonly StaffRole[] = ['manager', 'admin'];

/**
 * May this principal write this document? `masterSiteIds` are the sites the current
 * server copy belongs to or belonged to (an order reassigned away from a station's site
 * still accepts that station's offline events, so the fold can flag the clash).
 */
export function canWrite(
  p: Principal,
  collection: CollectionName,
  docSiteId: string | undefined,
  masterSiteIds: readonly string[] | null,
): WriteCheck {
  const kind = collections[collection].scope;
  if (collections[collection].merge === 'server') {
    return { ok: false, rule: 'server_only', message: `${collection} are written by the server only` };
  }
  if (kind === 'reference') {
    if (p.kind === 'person' && REFERENCE_ROLES.includes(p.role)) return { ok: true };
    return { ok: false, rule: 'role', message: `${collection} are reference data: only managers and admins change them` };
  }
  if (kind === 'office') {
    if (p.kind === 'person' && OFFICE_ROLES.includes(p.role)) return { ok: true };
    return { ok: false, rule: 'role', message: `${collection} are written by customer service, managers and admins only` };
  }
  const own = p.siteId;
  if (own === null) return { ok: true };
  if (docSiteId === own) return { ok: true };
  if (masterSiteIds !== null && masterSiteIds.includes(own)) return { ok: true };
  return {
    ok: false,
    rule: 'scope',
    message: `this ${p.kind === 'device' ? 'station' : 'account'} belongs to site ${own} and may not write a document of site ${docSiteId ?? '(none)'}`,
  };
}
