import { HybridClock } from '../../shared/clock/hlc.ts';
import { useSessionStore } from './store.ts';

let clock: HybridClock | null = null;

/** HLC node ids are alphanumeric; device ids are UUIDs, so drop what the clock does not accept. */
export function clockNodeOf(deviceId: string): string {
  const node = deviceId.replace(/[^A-Za-z0-9_.:]/g, '');
  return node === '' ? 'browser' : node;
}

/**
 * The one clock this station stamps its events with. One instance per device, so stamps made
 * by different screens never go backwards relative to each other.
 */
export function getStationClock(): HybridClock {
  const deviceId = useSessionStore.getState().station?.deviceId ?? 'browser';
  const node = clockNodeOf(deviceId);
  if (clock === null || clock.node !== node) clock = new HybridClock(node);
  return clock;
}
