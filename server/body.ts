import type { TSchema, Static } from 'typebox';
import { HttpError } from './errors.ts';
import { compileChecker, summarise } from './sync/validate.ts';

/** A compiled request-body validator: 400 with one `{path, message}` per bad field. */
export function bodyParser<S extends TSchema>(schema: S): (body: unknown) => Static<S> {
  const checker = compileChecker(schema);
  return (body) => {
    if (body === undefined || body === null) throw new HttpError(400, 'request body is missing: send a JSON object');
    if (checker.check(body)) return body;
    const details = checker.errors(body);
    throw new HttpError(400, `invalid request body: ${summarise(details, 3)}`, details);
  };
}
