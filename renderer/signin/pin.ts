import { argon2Verify } from 'hash-wasm';

/**
 * Checks a PIN against the staff member's synced argon2id hash, on the station, so signing
 * in never waits on the network. A malformed hash counts as a wrong PIN, not a crash.
 */
export async function checkPin(pin: string, pinHash: string): Promise<boolean> {
  if (pin === '') return false;
  try {
    return await argon2Verify({ password: pin, hash: pinHash });
  } catch {
    return false;
  }
}
