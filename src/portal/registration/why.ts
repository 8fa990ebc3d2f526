import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Identity } from '../../shared/portal-api/common';
import type { WhyKind } from '../../shared/portal-api/attempts';
import { isoAfter, type KioskPrincipal, type PortalContext } from '../context';
import type { PortalDb } from '../db/open';
import { attemptRefs } from '../db/schema';
import { ApiError, retryAfter } from '../http/errors';
import { recordEvent } from '../kiosks/service';
import { hashToken, randomToken } from '../security/tokens';
import { throttleLabel } from '../throttles';
import { identityBudgets } from './identity';

/**
 * « Pourquoi ? » (issue #12), the portal's half. A refused identity check the kiosk marked assisted
 * gets a random reference; only its hash is stored, with the kind of problem. Asking about it
 * answers the kind once, to the kiosk that made the attempt, before it expires, under a per-kiosk
 * daily cap — and, except for `too_many_attempts` (which the refusal said already), it spends one
 * more try of the same identity budgets as a check, so a kiosk credential learns no more per day
 * than the identity throttles already allow.
 */
export async function issueAttemptRef(
  ctx: PortalContext,
  kiosk: KioskPrincipal,
  identity: Identity,
  kind: WhyKind,
): Promise<string> {
  const ref = randomToken();
  const now = ctx.now();
  const [accountBudget] = identityBudgets(ctx, kiosk, identity);
  await ctx.db.insert(attemptRefs).values({
    refHash: hashToken(ref),
    kioskId: kiosk.id,
    kind,
    budgetKey: accountBudget!.key,
    createdAt: now.toISOString(),
    expiresAt: isoAfter(now, ctx.config.limits.whyRefSeconds),
  });
  return ref;
}

type Outcome =
  { kind: WhyKind } | { refused: 'not_found' } | { refused: 'rate_limited' | 'too_many_attempts'; until: Date };

export async function answerWhy(ctx: PortalContext, kiosk: KioskPrincipal, ref: string): Promise<{ kind: WhyKind }> {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const { whyPerKiosk, identityPerAccount, identityPerKiosk } = ctx.config.limits;
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
    // Reserved before the look-up, in one statement (throttle_events): 100 asks at once, from any
    // number of portal processes, get at most the cap.
    const cap = await ctx.throttle.reserve(ctx.throttle.key(throttleLabel('whyPerKiosk'), kiosk.id), whyPerKiosk, tx);
    if (!cap.ok) return { refused: 'rate_limited', until: cap.until };
    // Claimed by the statement that reads it: a second ask (or a concurrent one) finds it used.
    const [row] = await tx
      .update(attemptRefs)
      .set({ usedAt: nowIso })
      .where(
        and(
          eq(attemptRefs.refHash, hashToken(ref)),
          eq(attemptRefs.kioskId, kiosk.id),
          isNull(attemptRefs.usedAt),
          gt(attemptRefs.expiresAt, nowIso),
        ),
      )
      .returning({ kind: attemptRefs.kind, budgetKey: attemptRefs.budgetKey });
    if (!row) {
      await ctx.throttle.refund(cap, tx);
      return { refused: 'not_found' };
    }
    if (row.kind !== 'too_many_attempts') {
      const spent = await ctx.throttle.reserveAll(
        [
          { key: row.budgetKey, rule: identityPerAccount },
          { key: ctx.throttle.key(throttleLabel('identityPerKiosk'), kiosk.id), rule: identityPerKiosk },
        ],
        tx,
      );
      if (spent instanceof Date) return { refused: 'too_many_attempts', until: spent };
    }
    return { kind: row.kind };
  });
  if ('refused' in outcome) {
    await auditWhy(ctx.db, kiosk, outcome.refused, now);
    if (outcome.refused === 'not_found') throw new ApiError('not_found');
    throw new ApiError(outcome.refused, { retryAfterSeconds: retryAfter(outcome.until, now) });
  }
  await auditWhy(ctx.db, kiosk, 'answered', now);
  return outcome;
}

/** The portal's own trace of each ask (the kind is not written: a status of someone, by time and kiosk). */
const auditWhy = (db: PortalDb, kiosk: KioskPrincipal, outcome: string, now: Date) =>
  recordEvent(
    db,
    kiosk.id,
    { at: now.toISOString(), source: 'staff', event: 'registration_why', outcome, assisted: true, detail: null },
    now,
  );

/** Housekeeping: references past their expiry are deleted. */
export async function purgeAttemptRefs(ctx: PortalContext): Promise<void> {
  await ctx.db.delete(attemptRefs).where(lte(attemptRefs.expiresAt, ctx.now().toISOString()));
}
