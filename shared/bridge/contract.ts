import { Type, type Static, type TSchema } from 'typebox';
import { MAX_STATION_NO } from '../barcodes/tracking.ts';
import { Id, StaffRole, StringEnum } from '../schema/common.ts';
import type { Channel } from './channels.ts';
import type { BridgeResult } from './result.ts';

/**
 * The bridge between the renderer and the desktop host, written once: each channel's arguments
 * and result as TypeBox schemas. The preload's object, the renderer's calls and the main
 * process's validation are all derived from this map (STYLE: boundaries are typed once and checked).
 */

export const ZPL_DEFAULT_PORT = 9100;
export const ZPL_DEFAULT_TIMEOUT_MS = 3000;
export const MAX_PRINT_HTML_CHARS = 2 * 1024 * 1024;
export const MAX_ZPL_CHARS = 1024 * 1024;

/** An http(s) origin and optional path, no credentials in the URL (they would end up in logs). */
export const HttpUrl = Type.String({ format: 'uri', pattern: '^https?://[^/?#@\\s]+([/?#]\\S*)?$', maxLength: 2048 });
export const HttpsUrl = Type.String({ format: 'uri', pattern: '^https://[^/?#@\\s]+([/?#]\\S*)?$', maxLength: 2048 });
export const StationName = Type.String({ minLength: 1, maxLength: 80 });
/** Printable ASCII only: the host sends it in an Authorization header, so no CR/LF can slip in. */
export const StationToken = Type.String({ minLength: 8, maxLength: 4096, pattern: '^[!-~]+$' });

/** The station's configuration as the page sees it: whether a token is stored, never the token. */
export const StationConfigView = Type.Object(
  { serverUrl: HttpUrl, siteId: Id, stationName: StationName, hasToken: Type.Boolean(), deviceId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type StationConfigView = Static<typeof StationConfigView>;

/** `token`: a string stores a new one, `null` forgets it, absent keeps the stored one. */
export const StationConfigInput = Type.Object(
  {
    serverUrl: HttpUrl,
    siteId: Id,
    stationName: StationName,
    /** The device the token belongs to, so a station enrolled by the host (npm start) is known to the page. */
    deviceId: Type.Optional(Id),
    token: Type.Optional(Type.Union([StationToken, Type.Null()])),
  },
  { additionalProperties: false },
);
export type StationConfigInput = Static<typeof StationConfigInput>;

/**
 * How a station gets its token from the server: a one-time enrolment code a manager created
 * (`POST /api/v1/enrol`), or the demo server's session (`POST /api/v1/demo/session`: a demo
 * station, or an all-sites demo manager).
 */
export const EnrolVia = Type.Union([
  Type.Object({ kind: Type.Literal('code'), code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('demo'), as: StringEnum(['station', 'manager']), siteCode: Type.Optional(Type.String({ pattern: '^[A-Z0-9]{2,8}$' })) },
    { additionalProperties: false },
  ),
]);
export type EnrolVia = Static<typeof EnrolVia>;

/** The server's origin (no path, no credentials) and how to enrol with it. */
export const EnrolArgs = Type.Object({ serverUrl: HttpUrl, via: EnrolVia }, { additionalProperties: false });
export type EnrolArgs = Static<typeof EnrolArgs>;

const ServerWords = Type.String({ maxLength: 2000 });

/**
 * What enrolling came to. The host keeps the token it was given (the desktop app in main, with
 * safeStorage; a browser in its own storage) and tells the page who it now is, never the token.
 * A server that refused, could not be reached or answered nonsense is an answer too, with the
 * HTTP status and the server's own words, for the screen to say in the station's language.
 */
export const EnrolAnswer = Type.Union([
  Type.Object(
    {
      outcome: Type.Literal('station'),
      deviceId: Id,
      siteId: Id,
      /** An older server's enrolment sends no site code: it arrives with the sites' first sync. */
      siteCode: Type.Optional(Type.String({ maxLength: 16 })),
      name: StationName,
      stationNo: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_STATION_NO })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { outcome: Type.Literal('person'), personId: Id, siteId: Id, siteCode: Type.String({ maxLength: 16 }), name: Type.String({ minLength: 1, maxLength: 200 }), role: StaffRole },
    { additionalProperties: false },
  ),
  Type.Object({ outcome: Type.Literal('refused'), status: Type.Integer({ minimum: 100, maximum: 599 }), message: ServerWords }, { additionalProperties: false }),
  Type.Object({ outcome: Type.Literal('unreachable'), message: ServerWords }, { additionalProperties: false }),
  Type.Object({ outcome: Type.Literal('bad-answer'), status: Type.Integer({ minimum: 100, maximum: 599 }), message: ServerWords }, { additionalProperties: false }),
]);
export type EnrolAnswer = Static<typeof EnrolAnswer>;

export const Printer = Type.Object(
  {
    /** The OS name: pass this back as `printer`. */
    name: Type.String({ maxLength: 512 }),
    displayName: Type.String({ maxLength: 512 }),
    description: Type.String({ maxLength: 2048 }),
  },
  { additionalProperties: false },
);
export type Printer = Static<typeof Printer>;

export const PageSize = StringEnum(['A4', 'Letter', '4x6']);
export type PageSize = Static<typeof PageSize>;

export const PrintDocumentArgs = Type.Object(
  {
    kind: StringEnum(['slip', 'label']),
    /** A complete HTML document; printed with scripts disabled and no network access. */
    html: Type.String({ minLength: 1, maxLength: MAX_PRINT_HTML_CHARS }),
    pageSize: PageSize,
    /** Absent: the system's default printer. */
    printer: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type PrintDocumentArgs = Static<typeof PrintDocumentArgs>;

/** `pdf`: the station has no printer installed, so the document was saved as a PDF instead. */
export const PrintOutcome = Type.Union([
  Type.Object({ outcome: Type.Literal('printed'), printer: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }),
  Type.Object({ outcome: Type.Literal('pdf'), path: Type.String() }, { additionalProperties: false }),
]);
export type PrintOutcome = Static<typeof PrintOutcome>;

export const ZplArgs = Type.Object(
  {
    // A name of digits and dots only is a mistyped address ("999.1.1.1"), not a host name.
    host: Type.Union([Type.String({ format: 'ipv4' }), Type.String({ format: 'hostname', maxLength: 253, pattern: '[^0-9.]' })]),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65_535, default: ZPL_DEFAULT_PORT })),
    zpl: Type.String({ minLength: 1, maxLength: MAX_ZPL_CHARS }),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 30_000, default: ZPL_DEFAULT_TIMEOUT_MS })),
  },
  { additionalProperties: false },
);
export type ZplArgs = Static<typeof ZplArgs>;

export const AppVersion = Type.Object(
  { version: Type.String(), electron: Type.String(), chrome: Type.String(), platform: Type.String() },
  { additionalProperties: false },
);
export type AppVersion = Static<typeof AppVersion>;

export const LogArgs = Type.Object(
  {
    level: StringEnum(['debug', 'info', 'warn', 'error']),
    message: Type.String({ minLength: 1, maxLength: 4000 }),
    context: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 32 })),
  },
  { additionalProperties: false },
);
export type LogArgs = Static<typeof LogArgs>;

export const ExternalOpenArgs = Type.Object({ url: HttpsUrl }, { additionalProperties: false });
export type ExternalOpenArgs = Static<typeof ExternalOpenArgs>;

/** Channels that take nothing are invoked with `undefined`. */
const NoArgs = Type.Undefined();
const Done = Type.Null();

export type ChannelSpec = { readonly args: TSchema; readonly result: TSchema };

export const bridgeContract = {
  'config:get': { args: NoArgs, result: Type.Union([StationConfigView, Type.Null()]) },
  'config:set': { args: StationConfigInput, result: StationConfigView },
  'station:enrol': { args: EnrolArgs, result: EnrolAnswer },
  'printers:list': { args: NoArgs, result: Type.Array(Printer, { maxItems: 500 }) },
  'print:document': { args: PrintDocumentArgs, result: PrintOutcome },
  'print:zpl': { args: ZplArgs, result: Type.Object({ bytes: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }) },
  'app:version': { args: NoArgs, result: AppVersion },
  'log:write': { args: LogArgs, result: Done },
  'external:open': { args: ExternalOpenArgs, result: Done },
} as const satisfies { readonly [K in Channel]: ChannelSpec };

export type BridgeContract = typeof bridgeContract;
export type Args<K extends Channel> = Static<BridgeContract[K]['args']>;
export type Result<K extends Channel> = Static<BridgeContract[K]['result']>;

/** `window.packline`: one method per channel, each resolving to a result, never rejecting. */
export type BridgeApi = {
  readonly [K in Channel]: Args<K> extends undefined
    ? () => Promise<BridgeResult<Result<K>>>
    : (args: Args<K>) => Promise<BridgeResult<Result<K>>>;
};
