import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiError } from '../shared/sync/protocol.ts';

/** An error whose message is safe and useful to show the caller. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function apiError(statusCode: number, message: string, details?: unknown): ApiError {
  const body: ApiError = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  if (details !== undefined) body.details = details;
  return body;
}

function friendlyMessage(err: FastifyError, bodyLimit: number): string {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `request body is larger than the limit of ${bodyLimit} bytes`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported content type: send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'request body is empty: send a JSON document';
    default:
      return err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? `invalid JSON: ${err.message}` : err.message;
  }
}

/**
 * Bad input is always a 4xx with `{statusCode, error, message}`: Fastify's own parser and
 * limit errors included. Only a fault of ours is a 500, logged with its stack and never
 * shown to the caller.
 */
export function installErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof HttpError) {
      return reply.code(err.statusCode).send(apiError(err.statusCode, err.message, err.details));
    }
    const status = err.validation ? 400 : (err.statusCode ?? 500);
    if (status >= 400 && status < 500) {
      return reply.code(status).send(apiError(status, friendlyMessage(err, bodyLimit)));
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send(apiError(500, 'internal error; the request was not applied'));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(apiError(404, `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
}
