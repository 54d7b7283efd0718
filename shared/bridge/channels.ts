/**
 * The names of the bridge's channels and the global the preload exposes them on. Kept apart from
 * the schemas so the preload bundle stays tiny: it needs the names, never the validators.
 */
export const CHANNELS = [
  'config:get',
  'config:set',
  'station:enrol',
  'printers:list',
  'print:document',
  'print:zpl',
  'app:version',
  'log:write',
  'external:open',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** `window.packline` in the renderer. */
export const BRIDGE_KEY = 'packline';
