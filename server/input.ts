import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.ts';

/** A JSON escape of NUL (`\u0000`), case-insensitive: cheap to look for in the raw text. */
const NUL_ESCAPE = /\\u0000/i;

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) if (k.includes('\u0000') || containsNul(v)) return true;
  }
  return false;
}

/**
 * PostgreSQL cannot store NUL in text or jsonb: left alone, such input would fail inside
 * a transaction as a 500. It is refused up front as a 400 instead. JSON keeps Fastify's own
 * parser (prototype-poisoning checks included); the deep check runs only when the raw text
 * contains the escape at all, so ordinary bodies pay one regex scan.
 */
export function installInputGuards(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    void parse(request, text, (err, value: unknown) => {
      if (err) {
        done(err, undefined);
        return;
      }
      if (NUL_ESCAPE.test(text) && containsNul(value)) {
        done(new HttpError(400, 'the request contains a NUL character (\\u0000), which cannot be stored'), undefined);
        return;
      }
      done(null, value);
    });
  });
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url)) throw new HttpError(400, 'the URL contains a NUL character (%00)');
  });
}
