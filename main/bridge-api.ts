import type { Channel } from '../shared/bridge/channels.ts';
import type { Args, BridgeApi, Result } from '../shared/bridge/contract.ts';
import { fail, type BridgeResult } from '../shared/bridge/result.ts';

/**
 * `ipcRenderer.invoke`, as the preload hands it over. Its result is trusted as the contract's
 * type because main (ipc.ts) checks every result against the schema before sending it.
 */
export type Invoke = <K extends Channel>(channel: K, args: Args<K>) => Promise<BridgeResult<Result<K>>>;

/**
 * The object the preload exposes as `window.packline`: one function per channel, nothing else,
 * checked against the contract with `satisfies` (a channel added to the contract and missing
 * here fails to compile). The page never gets ipcRenderer or a way to name its own channel.
 */
export function createBridgeApi(invoke: Invoke): BridgeApi {
  const call = async <K extends Channel>(channel: K, args: Args<K>): Promise<BridgeResult<Result<K>>> => {
    try {
      return await invoke(channel, args);
    } catch {
      // No handler (a plain browser, a crashed host): say so instead of rejecting.
      return fail('unavailable', 'The desktop host did not answer. Restart Packline; if it happens again, tell your lead.');
    }
  };
  const api = {
    'config:get': () => call('config:get', undefined),
    'config:set': (args) => call('config:set', args),
    'station:enrol': (args) => call('station:enrol', args),
    'printers:list': () => call('printers:list', undefined),
    'print:document': (args) => call('print:document', args),
    'print:zpl': (args) => call('print:zpl', args),
    'app:version': () => call('app:version', undefined),
    'log:write': (args) => call('log:write', args),
    'external:open': (args) => call('external:open', args),
  } satisfies BridgeApi;
  return Object.freeze(api);
}
