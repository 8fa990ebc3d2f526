import type { FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { OUTCOME_BY_EMAIL_HEADER } from '../../shared/portal-api/outbox';
import type { Language } from '../../shared/locale';
import { emailKey } from '../../shared/rules/email';
import type { KioskPrincipal, PortalContext } from '../context';
import type { PortalTx } from '../db/open';
import { idempotencyRecords } from '../db/schema';
import { ApiError } from '../http/errors';
import { enqueueMail } from '../mail/queue';
import { hasOutcomeMail, registrationOutcomeMail } from '../mail/templates';
import { throttleLabel } from '../throttles';

/** The kiosk's drainer asks for the outcome by email when nobody is waiting at the screen. */
export const wantsOutcomeByEmail = (request: FastifyRequest): boolean => {
  const value = request.headers[OUTCOME_BY_EMAIL_HEADER];
  return typeof value === 'string' && /^(1|true|yes)$/i.test(value.trim());
};

/** Transient refusals are not replayed (a retry re-runs); every other refusal is the key's answer. */
const replayable = (status: number) => status !== 429 && status !== 423;

/**
 * Stores a refusal as the Idempotency-Key's answer in `tx`, with the email that announces it, so a
 * retry after a lost answer gets the same refusal and no second email.
 */
async function saveRefusal(tx: PortalTx, request: FastifyRequest, error: ApiError): Promise<void> {
  const marker = request.idempotency;
  if (!marker || !replayable(error.status)) return;
  await tx
    .update(idempotencyRecords)
    .set({ statusCode: error.status, responseBody: JSON.stringify(error.body) })
    .where(and(eq(idempotencyRecords.scope, marker.scope), eq(idempotencyRecords.key, marker.key)));
  marker.saved = true;
}

/**
 * A queued registration refused for a reason the online screen would have shown: emails the same
 * disclosure to the address typed, in the language of the kiosk session, within budgets per address
 * and per kiosk (the route must not become a way to send mail to anyone). Rethrows the refusal.
 */
export async function emailRefusal(
  ctx: PortalContext,
  kiosk: KioskPrincipal,
  request: FastifyRequest,
  input: { email: string; language: Language },
  error: unknown,
): Promise<never> {
  if (!(error instanceof ApiError) || !hasOutcomeMail(error.code) || !wantsOutcomeByEmail(request)) throw error;
  const code = error.code;
  const now = ctx.now();
  const { outcomeMailPerAddress, outcomeMailPerKiosk } = ctx.config.limits;
  await ctx.db.transaction(async (tx) => {
    const reserved = await ctx.throttle.reserveAll(
      [
        {
          key: ctx.throttle.key(throttleLabel('outcomeMailPerAddress'), emailKey(input.email)),
          rule: outcomeMailPerAddress,
        },
        { key: ctx.throttle.key(throttleLabel('outcomeMailPerKiosk'), kiosk.id), rule: outcomeMailPerKiosk },
      ],
      tx,
    );
    if (!(reserved instanceof Date))
      await enqueueMail(tx, { to: input.email, ...registrationOutcomeMail(input.language, code) }, now);
    else ctx.log.warn({ kiosk: kiosk.id, code }, 'registration outcome email over budget, not sent');
    await saveRefusal(tx, request, error);
  });
  ctx.mail.kick();
  throw error;
}
