import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  PORTAL_ERROR_STATUS,
  type ErrorBody,
  type PortalError,
  type PortalErrorCode,
} from '../../shared/portal-api/errors';

/** A refusal the portal means to give: a stable code, the matching status, optional details. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: PortalErrorCode,
    readonly extra: Omit<PortalError, 'code'> = {},
  ) {
    super(code);
    this.name = 'ApiError';
    this.status = PORTAL_ERROR_STATUS[code];
  }
  get body(): ErrorBody {
    return { ok: false, error: { code: this.code, ...this.extra } };
  }
}

export const retryAfter = (until: Date, now: Date): number =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/** Fastify's own errors (parsing, limits, validation) → the portal's codes. */
function fromFastify(error: FastifyError): ApiError | null {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = [
      ...new Set(error.validation.map((v) => v.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(body)')),
    ].slice(0, 32);
    return new ApiError('invalid_input', { fields });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('unsupported_media_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('malformed_json');
  }
  if (error instanceof SyntaxError) return new ApiError('malformed_json');
  if (error.validation) return new ApiError('invalid_input');
  const status = error.statusCode ?? 500;
  if (status === 404) return new ApiError('not_found');
  if (status === 413) return new ApiError('payload_too_large');
  if (status === 415) return new ApiError('unsupported_media_type');
  if (status >= 400 && status < 500) return new ApiError('invalid_input');
  return null;
}

/**
 * Every answer that is not a success is `{ ok: false, error: { code } }` with a 4xx status; a 500 is
 * only ever a fault of the portal itself, logged without the request's content.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof ApiError ? error : fromFastify(error);
    if (known) {
      if (known.extra.retryAfterSeconds) void reply.header('retry-after', String(known.extra.retryAfterSeconds));
      return reply.code(known.status).type('application/json').send(known.body);
    }
    request.log.error({ err: error, route: request.routeOptions.url }, 'unexpected portal error');
    return reply
      .code(500)
      .type('application/json')
      .send({ ok: false, error: { code: 'internal' } } satisfies ErrorBody);
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).type('application/json').send(new ApiError('not_found').body),
  );
}
