import { isLead, type SignedInStaff } from '../session/store.ts';

/**
 * Whether the person signed in may change how this station is set up: choose its printers, or
 * forget it, which deletes its local data, changes not uploaded yet included. A lead, a manager
 * or an admin may; a packer (or customer service at a bench) sees them read-only, and nobody
 * signed in reaches Settings at all. Language, sound and the scanner test are anyone's.
 */
export function canManageStation(staff: SignedInStaff | null): boolean {
  return isLead(staff);
}
