import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { collections, type CollectionName, type DocOf } from '../../shared/schema/collections.ts';

export type FieldError = { path: string; message: string };

export type Checker<T> = { check(value: unknown): value is T; errors(value: unknown): FieldError[] };

/** Compiling is slow and checking is fast: compile a schema once and keep the checker. */
export function compileChecker<S extends TSchema>(schema: S): Checker<Static<S>> {
  const v = Compile(schema);
  return { check: (value: unknown): value is Static<S> => v.Check(value), errors: (value) => fieldErrors(v.Errors(value)) };
}

type Checkers = { readonly [C in CollectionName]: Checker<DocOf<C>> };
let checkers: Checkers | null = null;

function compileAll(): Checkers {
  return {
    sites: compileChecker(collections.sites.schema),
    products: compileChecker(collections.products.schema),
    customers: compileChecker(collections.customers.schema),
    orders: compileChecker(collections.orders.schema),
    shipments: compileChecker(collections.shipments.schema),
    movements: compileChecker(collections.movements.schema),
    staff: compileChecker(collections.staff.schema),
    refusals: compileChecker(collections.refusals.schema),
  };
}

export function checkerFor<C extends CollectionName>(collection: C): Checker<DocOf<C>> {
  checkers ??= compileAll();
  return checkers[collection];
}

/**
 * TypeBox reports JSON-pointer paths and Ajv-style keywords; turn them into one line per
 * field a person can act on ("/lines/0/sku is required"), without duplicates.
 */
export function fieldErrors(errors: readonly TLocalizedValidationError[], max = 20): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string): void => {
    const key = `${path}\u0000${message}`;
    if (seen.has(key) || out.length >= max) return;
    seen.add(key);
    out.push({ path: path === '' ? '/' : path, message });
  };
  for (const e of errors) {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required' && Array.isArray(params.requiredProperties)) {
      for (const p of params.requiredProperties) add(`${e.instancePath}/${String(p)}`, 'is required');
    } else if (e.keyword === 'additionalProperties' && Array.isArray(params.additionalProperties)) {
      for (const p of params.additionalProperties) add(`${e.instancePath}/${String(p)}`, 'is not allowed');
    } else if (e.keyword === 'boolean' && e.schemaPath.endsWith('additionalProperties')) {
      // The same extra property again, reported by the `false` sub-schema.
      continue;
    } else {
      add(e.instancePath, e.message);
    }
  }
  return out;
}

export function summarise(errors: readonly FieldError[], max = 5): string {
  const shown = errors.slice(0, max).map((e) => `${e.path} ${e.message}`);
  const more = errors.length > max ? ` (and ${errors.length - max} more)` : '';
  return shown.join('; ') + more;
}
