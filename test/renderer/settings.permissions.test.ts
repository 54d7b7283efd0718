import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../../shared/schema/common.ts';
import { canManageStation } from '../../renderer/settings/permissions.ts';

/** Every role and what it may do; a Record, so a new role fails to compile until it is decided here. */
const MAY_MANAGE: Record<StaffRole, boolean> = { packer: false, customer_service: false, lead: true, manager: true, admin: true };

const ROLES: readonly StaffRole[] = ['packer', 'customer_service', 'lead', 'manager', 'admin'];

const person = (role: StaffRole) => ({ id: 'st-1', name: 'Luca Bianchi', role });

describe('who may change how the station is set up', () => {
  it('lets a lead, a manager and an admin choose printers and forget the station', () => {
    expect(canManageStation(person('lead'))).toBe(true);
    expect(canManageStation(person('manager'))).toBe(true);
    expect(canManageStation(person('admin'))).toBe(true);
  });

  it('keeps them read-only for a packer and customer service, and closed with nobody signed in', () => {
    expect(canManageStation(person('packer'))).toBe(false);
    expect(canManageStation(person('customer_service'))).toBe(false);
    expect(canManageStation(null)).toBe(false);
  });

  it.each(ROLES)('decides for every role: %s', (role) => {
    expect(canManageStation(person(role))).toBe(MAY_MANAGE[role]);
  });
});
