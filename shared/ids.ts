import { uuidv7 } from 'uuidv7';

/** Client-made, time-ordered document ids (UUIDv7): any replica can mint them offline. */
export function newId(): string {
  return uuidv7();
}
