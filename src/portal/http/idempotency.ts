import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, lt } from 'drizzle-orm';
import { IDEMPOTENCY_KEY_PATTERN, type RouteSpec } from '../../shared/portal-api/define';
import type { PortalContext } from '../context';
import { idempotencyRecords } from '../db/schema';
import { ApiError } from './errors';

/** Answers worth replaying: final ones. Throttling and lock-outs are transient, so a retry re-runs. */
const REPLAYABLE = (status: number) => status < 500 && status !== 429 && status !== 423;

/**
 * `Idempotency-Key` on a POST: the first request runs and its answer is stored; a replay with the
 * same body gets the stored answer; the same key with another body is refused; a replay while the
 * first is still running is told to retry. Keys are scoped per kiosk (or per route when public).
 */
export function idempotencyFor(ctx: PortalContext, spec: RouteSpec) {
  const { db } = ctx;
  const scopeOf = (request: FastifyRequest) => (request.kiosk ? `kiosk:${request.kiosk.id}` : `public:${spec.path}`);

  async function preHandler(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header))
      throw new ApiError('invalid_idempotency_key');
    const scope = scopeOf(request);
    const requestHash = createHash('sha256')
      .update(`${spec.method} ${spec.path}\n${JSON.stringify(request.body ?? null)}`)
      .digest('base64url');
    const now = ctx.now();
    // A record older than the retention is forgotten: the key starts afresh.
    const expiredBefore = new Date(now.getTime() - ctx.config.lifetimes.idempotencySeconds * 1000).toISOString();
    await db
      .delete(idempotencyRecords)
      .where(
        and(
          eq(idempotencyRecords.scope, scope),
          eq(idempotencyRecords.key, header),
          lt(idempotencyRecords.createdAt, expiredBefore),
        ),
      );
    const inserted = await db
      .insert(idempotencyRecords)
      .values({ scope, key: header, requestHash, createdAt: now.toISOString() })
      .onConflictDoNothing()
      .returning({ key: idempotencyRecords.key });
    if (inserted.length > 0) {
      request.idempotency = { scope, key: header };
      return;
    }
    const existing = await db
      .select()
      .from(idempotencyRecords)
      .where(and(eq(idempotencyRecords.scope, scope), eq(idempotencyRecords.key, header)))
      .get();
    if (!existing) throw new ApiError('idempotency_in_progress', { retryAfterSeconds: 1 });
    if (existing.requestHash !== requestHash) throw new ApiError('idempotency_key_reused');
    if (existing.statusCode === null || existing.responseBody === null)
      throw new ApiError('idempotency_in_progress', { retryAfterSeconds: 1 });
    void reply.header('idempotent-replayed', 'true');
    return reply
      .code(existing.statusCode)
      .type('application/json')
      .serializer((p: unknown) => p as string)
      .send(existing.responseBody);
  }

  async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const marker = request.idempotency;
    if (!marker) return payload;
    request.idempotency = undefined;
    const where = and(eq(idempotencyRecords.scope, marker.scope), eq(idempotencyRecords.key, marker.key));
    if (REPLAYABLE(reply.statusCode) && typeof payload === 'string') {
      await db.update(idempotencyRecords).set({ statusCode: reply.statusCode, responseBody: payload }).where(where);
    } else {
      await db.delete(idempotencyRecords).where(where);
    }
    return payload;
  }

  return { preHandler, onSend };
}
