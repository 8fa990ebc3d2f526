import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { IDEMPOTENCY_KEY_PATTERN, type RouteSpec } from '../../shared/portal-api/define';
import type { PortalContext } from '../context';
import type { PortalTx } from '../db/open';
import { idempotencyRecords } from '../db/schema';
import { ApiError } from './errors';

/** Answers worth replaying: final ones. Throttling and lock-outs are transient, so a retry re-runs. */
const REPLAYABLE = (status: number) => status < 500 && status !== 429 && status !== 423;

/** A claim left unanswered this long belongs to a request that died: a retry takes it over. */
const STALE_CLAIM_SECONDS = 60;

/**
 * Stores a route's answer in the transaction of its effect, so the answer exists if and only if the
 * effect committed: a retry after a crash or a connection reset gets the original answer. No-op
 * without an Idempotency-Key.
 */
export type AnswerSink = (tx: PortalTx, value: unknown) => Promise<void>;
export const noAnswerSink: AnswerSink = async () => undefined;

/**
 * `Idempotency-Key` on a POST: the first request claims the key and runs; effectful routes store
 * their answer in their own transaction (AnswerSink), other answers are stored as they are sent; a
 * replay with the same body gets the stored answer; the same key with another body is refused; a
 * replay while the first is still running is told to retry. Keys are scoped per kiosk (or per route
 * when public). The request is remembered as a keyed hash only (its body may hold an email). Routes that issue a session are
 * never recorded: their answer is a bearer token, which must not sit in the database.
 */
export function idempotencyFor(ctx: PortalContext, spec: RouteSpec) {
  const { db } = ctx;
  const scopeOf = (request: FastifyRequest) => (request.kiosk ? `kiosk:${request.kiosk.id}` : `public:${spec.path}`);
  const whereOf = (m: { scope: string; key: string }) =>
    and(eq(idempotencyRecords.scope, m.scope), eq(idempotencyRecords.key, m.key));

  async function claim(scope: string, key: string, requestHash: string): Promise<boolean> {
    const now = ctx.now();
    const nowIso = now.toISOString();
    // A record older than the retention is forgotten: the key starts afresh.
    const expiredBefore = new Date(now.getTime() - ctx.config.lifetimes.idempotencySeconds * 1000).toISOString();
    await db
      .delete(idempotencyRecords)
      .where(and(whereOf({ scope, key }), lt(idempotencyRecords.createdAt, expiredBefore)));
    const inserted = await db
      .insert(idempotencyRecords)
      .values({ scope, key, requestHash, createdAt: nowIso })
      .onConflictDoNothing()
      .returning({ key: idempotencyRecords.key });
    if (inserted.length > 0) return true;
    const staleBefore = new Date(now.getTime() - STALE_CLAIM_SECONDS * 1000).toISOString();
    const taken = await db
      .update(idempotencyRecords)
      .set({ createdAt: nowIso })
      .where(
        and(
          whereOf({ scope, key }),
          eq(idempotencyRecords.requestHash, requestHash),
          isNull(idempotencyRecords.statusCode),
          lt(idempotencyRecords.createdAt, staleBefore),
        ),
      )
      .returning({ key: idempotencyRecords.key });
    return taken.length > 0;
  }

  async function preHandler(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header))
      throw new ApiError('invalid_idempotency_key');
    const scope = scopeOf(request);
    const requestHash = ctx.throttle.key(`request ${spec.method} ${spec.path}`, JSON.stringify(request.body ?? null));
    if (await claim(scope, header, requestHash)) {
      request.idempotency = { scope, key: header, saved: false };
      return;
    }
    const existing = await db
      .select()
      .from(idempotencyRecords)
      .where(whereOf({ scope, key: header }))
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

  /** The AnswerSink of one request (see AnswerSink). */
  const sinkFor =
    (request: FastifyRequest): AnswerSink =>
    async (tx, value) => {
      const marker = request.idempotency;
      if (!marker) return;
      await tx
        .update(idempotencyRecords)
        .set({ statusCode: spec.status, responseBody: JSON.stringify({ ok: true, value }) })
        .where(whereOf(marker));
      marker.saved = true;
    };

  async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const marker = request.idempotency;
    if (!marker) return payload;
    request.idempotency = undefined;
    // Stored with the effect: whatever happens after the commit, the retry gets that answer.
    if (marker.saved) return payload;
    if (REPLAYABLE(reply.statusCode) && typeof payload === 'string') {
      await db
        .update(idempotencyRecords)
        .set({ statusCode: reply.statusCode, responseBody: payload })
        .where(whereOf(marker));
    } else {
      await db.delete(idempotencyRecords).where(whereOf(marker));
    }
    return payload;
  }

  return { preHandler, onSend, sinkFor };
}
