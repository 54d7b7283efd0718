import { collections, type CollectionName } from './collections.ts';

export type RxSchemaLiteral = {
  version: number;
  primaryKey: 'id';
  type: 'object';
  properties: Record<string, unknown>;
  required: string[];
  additionalProperties?: boolean;
  indexes?: (string | string[])[];
};

/**
 * The RxDB schema of a collection: the very TypeBox object the server validates with,
 * plus RxDB's primary key, version and indexes. RxDB adds its own `_deleted`, `_rev`,
 * `_meta`, `_attachments` fields, so `additionalProperties` is left to RxDB.
 */
export function toRxSchema(name: CollectionName): RxSchemaLiteral {
  const def = collections[name];
  // A plain-JSON copy: RxDB deep-freezes and hashes the schema it is given.
  const json: unknown = JSON.parse(JSON.stringify(def.schema));
  if (!isObjectSchema(json)) throw new Error(`${name}: schema is not an object schema`);
  const { additionalProperties: _ignored, ...rest } = json;
  return {
    ...rest,
    version: def.version ?? 0,
    primaryKey: 'id',
    indexes: def.indexes.map((i) => (typeof i === 'string' ? i : [...i])),
  };
}

function isObjectSchema(v: unknown): v is Omit<RxSchemaLiteral, 'version' | 'primaryKey'> {
  return (
    typeof v === 'object' &&
    v !== null &&
    'type' in v &&
    v.type === 'object' &&
    'properties' in v &&
    typeof v.properties === 'object' &&
    'required' in v &&
    Array.isArray(v.required)
  );
}
