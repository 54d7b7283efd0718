import type { TSchema } from 'typebox';
import { Compile, type Validator as CompiledValidator } from 'typebox/compile';
import { CHANNELS, type Channel } from '../shared/bridge/channels.ts';
import { bridgeContract, type Args, type Result } from '../shared/bridge/contract.ts';
import { fail, succeed, type BridgeResult } from '../shared/bridge/result.ts';
import type { InvokeEvent, IpcMainHost } from './electron-host.ts';
import { HostError } from './host-error.ts';
import type { Log } from './logging.ts';
import { isAppUrl } from './protocol.ts';

/**
 * Every bridge channel goes through here (Electron Fiddle's src/main/ipc.ts): the sender must be
 * the top frame of one of our windows showing the app's own origin, the arguments must pass the
 * shared schema, and whatever happens the page gets a BridgeResult, never a thrown error.
 */

export type BridgeHandlers = { readonly [K in Channel]: (args: Args<K>) => Promise<Result<K>> };

export type BridgeOptions = {
  /** True for the webContents ids of windows the app created for the UI. */
  readonly isOwnWindow: (webContentsId: number) => boolean;
  readonly log: Log;
};

type Validator<T = unknown> = CompiledValidator<{}, TSchema, T, T>;

const INTERNAL_MESSAGE = 'Packline could not do that because of an internal error. The details are in the station log.';

/** Why a sender is refused, or null when it is ours. */
export function senderProblem(event: InvokeEvent, isOwnWindow: (id: number) => boolean): string | null {
  if (!isOwnWindow(event.sender.id)) return 'not one of the app windows';
  const frame = event.senderFrame;
  if (frame === null) return 'frame is gone';
  if (frame.parent !== null) return 'not the top frame';
  if (!isAppUrl(frame.url)) return 'frame is not on the app origin';
  return null;
}

export function describeErrors(validator: Validator, value: unknown, limit = 3): string {
  const parts: string[] = [];
  for (const error of validator.Errors(value)) {
    // Schema-internal noise ("schema is false") repeats what additionalProperties says.
    if (error.message === 'schema is false') continue;
    parts.push(`${error.instancePath || '(arguments)'} ${error.message}`);
    if (parts.length === limit) break;
  }
  return parts.join('; ');
}

export function registerBridge(ipcMain: IpcMainHost, handlers: BridgeHandlers, options: BridgeOptions): void {
  for (const channel of CHANNELS) route(ipcMain, channel, handlers[channel], options);
}

function route<K extends Channel>(ipcMain: IpcMainHost, channel: K, handler: BridgeHandlers[K], options: BridgeOptions): void {
  const { log } = options;
  const argsValidator: Validator<Args<K>> = Compile(bridgeContract[channel].args);
  const resultValidator: Validator<Result<K>> = Compile(bridgeContract[channel].result);

  ipcMain.handle(channel, async (event, ...raw): Promise<BridgeResult<Result<K>>> => {
    const problem = senderProblem(event, options.isOwnWindow);
    if (problem !== null) {
      log.warn({ channel, frameUrl: event.senderFrame?.url, problem }, 'Refused a bridge message from an unknown sender');
      return fail('forbidden-sender', 'This request did not come from the Packline window.');
    }
    const args = raw[0];
    if (raw.length > 1 || !argsValidator.Check(args)) {
      // Never log the values: config:set carries the token.
      const details = raw.length > 1 ? 'expected one argument' : describeErrors(argsValidator, args);
      log.warn({ channel, details }, 'Refused bridge arguments that fail the schema');
      return fail('invalid-args', `Invalid arguments for ${channel}: ${details}`);
    }
    try {
      const value = await handler(args);
      if (!resultValidator.Check(value)) {
        log.error({ channel, details: describeErrors(resultValidator, value) }, 'A bridge handler returned a result that fails the schema');
        return fail('internal', INTERNAL_MESSAGE);
      }
      return succeed(value);
    } catch (error) {
      if (error instanceof HostError) {
        log.warn({ channel, code: error.code, err: error }, error.message);
        return fail(error.code, error.message);
      }
      log.error({ channel, err: error }, 'A bridge handler failed');
      return fail('internal', INTERNAL_MESSAGE);
    }
  });
}
