import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables (server/db/migrations.ts creates them). */
export type DocumentsTable = {
  collection: string;
  id: string;
  /** jsonb; read as `doc::text` on hot paths and spliced into responses. */
  doc: ColumnType<unknown, string, string>;
  site_id: string | null;
  site_history: Generated<string[]>;
  deleted: Generated<boolean>;
  /** xid8 of the writing transaction, read as text. */
  xid: Generated<string>;
  written_by: string | null;
  written_at: Generated<Date>;
};

export type TokensTable = {
  id: string;
  token_hash: string;
  kind: 'device' | 'person';
  principal_id: string;
  name: string;
  role: string | null;
  site_id: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
};

export type DevicesTable = {
  id: string;
  site_id: string;
  name: string;
  created_by: string;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  /** 1..9999, from device_station_no_seq: the station field of its tracking numbers. */
  station_no: Generated<number>;
};

export type EnrolmentsTable = {
  code_hash: string;
  device_id: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: Generated<Date>;
};

export type OrderIntakeTable = {
  channel: string;
  external_id: string;
  order_id: string;
  number: string;
  created_at: Generated<Date>;
};

export type MigrationsTable = {
  id: number;
  name: string;
  applied_at: Generated<Date>;
};

export type Tables = {
  documents: DocumentsTable;
  tokens: TokensTable;
  devices: DevicesTable;
  enrolments: EnrolmentsTable;
  order_intake: OrderIntakeTable;
  packline_migrations: MigrationsTable;
};
