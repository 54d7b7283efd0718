import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.ts';

/**
 * JSON escapes of NUL or of a UTF-16 surrogate, case-insensitive: cheap to look for in the
 * raw text. Raw UTF-8 can carry neither (invalid bytes decode to U+FFFD), only escapes can.
 */
const SUSPECT_ESCAPE = /\\u(0000|d[89a-f])/i;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unstorable(s: string): boolean {
  return s.includes('\u0000') || LONE_SURROGATE.test(s);
}

function containsUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return unstorable(value);
  if (Array.isArray(value)) return value.some(containsUnstorable);
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) if (unstorable(k) || containsUnstorable(v)) return true;
  }
  return false;
}

/**
 * Fastify's parser refuses prototype-poisoning keys but says only "not valid JSON": text that
 * JSON.parse reads was refused for its keys (only the error path pays for the second parse).
 */
function isPoisoned(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * PostgreSQL cannot store NUL in text or jsonb, nor a lone surrogate in jsonb: left alone, such input would fail inside
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
        done(isPoisoned(text) ? new HttpError(400, 'the request has a "__proto__" or "constructor.prototype" key, which is refused: rename or remove it') : err, undefined);
        return;
      }
      if (SUSPECT_ESCAPE.test(text) && containsUnstorable(value)) {
        done(new HttpError(400, 'the request contains text that cannot be stored: a NUL character (\\u0000) or half a UTF-16 surrogate pair'), undefined);
        return;
      }
      done(null, value);
    });
  });
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url)) throw new HttpError(400, 'the URL contains a NUL character (%00)');
  });
}
