import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { errorBodySchema } from '../../shared/portal-api/errors';
import { SESSION_HEADER, successSchema, type RouteSpec } from '../../shared/portal-api/define';
import { portalRoutes } from '../../shared/portal-api/routes';
import type { KioskPrincipal, PortalContext } from '../context';
import { adminAuth, kioskAuth } from './auth';
import { idempotencyFor, noAnswerSink, type AnswerSink } from './idempotency';

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteCall<S extends RouteSpec> {
  body: Parsed<S['body']>;
  query: Parsed<S['query']>;
  /** Set on kiosk routes (authenticated before the body is even read). */
  kiosk: KioskPrincipal;
  sessionToken: string | null;
  /** Effectful handlers store their answer with this, in the transaction of their effect. */
  saveAnswer: AnswerSink;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * Binds one route of the shared contract to its handler: schemas (validation, serialization and
 * the OpenAPI document), authentication, idempotency, and the `{ ok: true, value }` envelope.
 */
export function registerRoute<S extends RouteSpec>(
  app: FastifyInstance,
  ctx: PortalContext,
  spec: S,
  handler: (call: RouteCall<S>) => Promise<z.input<S['value']>>,
): void {
  // A session-issuing answer is a bearer token: it is never recorded, so a retried login logs in again.
  const recorded = spec.method === 'POST' && spec.path !== portalRoutes.login.path;
  const idempotency = recorded ? idempotencyFor(ctx, spec) : null;
  app.withTypeProvider<ZodTypeProvider>().route({
    method: spec.method,
    url: spec.path,
    schema: {
      summary: spec.summary,
      tags: spec.tags,
      ...(spec.body ? { body: spec.body } : {}),
      ...(spec.query ? { querystring: spec.query } : {}),
      ...(spec.auth === 'kiosk'
        ? { security: [{ kiosk: [] }] }
        : spec.auth === 'admin'
          ? { security: [{ admin: [] }] }
          : {}),
      response: { [spec.status]: successSchema(spec.value), '4xx': errorBodySchema },
    },
    onRequest: spec.auth === 'kiosk' ? kioskAuth(ctx) : spec.auth === 'admin' ? adminAuth(ctx) : undefined,
    preHandler: idempotency?.preHandler,
    onSend: idempotency?.onSend,
    handler: async (request, reply) => {
      const session = request.headers[SESSION_HEADER];
      const value = await handler({
        body: request.body as Parsed<S['body']>,
        query: request.query as Parsed<S['query']>,
        kiosk: request.kiosk as KioskPrincipal,
        sessionToken: typeof session === 'string' ? session : null,
        saveAnswer: idempotency?.sinkFor(request) ?? noAnswerSink,
        request,
        reply,
      });
      await ctx.faults?.afterEffect?.(spec.path, request);
      return reply.code(spec.status).send({ ok: true, value });
    },
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    kiosk?: KioskPrincipal;
    idempotency?: { scope: string; key: string; saved: boolean };
  }
}
