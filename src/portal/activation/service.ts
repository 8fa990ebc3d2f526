import { eq } from 'drizzle-orm';
import { emailKey } from '../../shared/rules/email';
import { ACTIVATION_PAGE_PATH } from '../../shared/portal-api/routes';
import { findAccountByEmailKey } from '../accounts/store';
import { isoAfter, type KioskPrincipal, type PortalContext } from '../context';
import type { PortalDb, PortalTx } from '../db/open';
import { accounts } from '../db/schema';
import { ApiError, retryAfter } from '../http/errors';
import { noAnswerSink, type AnswerSink } from '../http/idempotency';
import { activationMail } from '../mail/templates';
import { enqueueMail, requestMail, type MailRequest } from '../mail/queue';
import { checkCodeWithinBudget, resetCodeBudget, takeEmailQuota } from '../security/address-budgets';
import { throttleLabel } from '../throttles';
import { consumeLink, issueSecret, peekLink, useCode } from '../security/one-time';

export const activationLink = (ctx: PortalContext, token: string): string =>
  `${ctx.publicUrl()}${ACTIVATION_PAGE_PATH}?target=link&data=${token}`;

/** Issues a fresh activation secret and queues its email, in the caller's transaction. */
export async function queueActivation(
  ctx: PortalContext,
  tx: PortalTx,
  account: { id: string; email: string; language: string },
  now: Date,
): Promise<void> {
  const secret = await issueSecret(tx, {
    accountId: account.id,
    purpose: 'activation',
    linkSeconds: ctx.config.lifetimes.activationLinkSeconds,
    codeSeconds: ctx.config.lifetimes.activationCodeSeconds,
    now,
  });
  const minutes = Math.round(ctx.config.lifetimes.activationCodeSeconds / 60);
  const mail = activationMail(account.language, activationLink(ctx, secret.token), secret.code, minutes);
  await enqueueMail(tx, { to: account.email, ...mail }, now);
}

/**
 * A fresh activation email. The answer and the work do not depend on whether the address has a
 * pending account: one transaction counts the quotas and records a mail request for any address;
 * the mail worker decides after the answer (resolveActivationRequest).
 */
export async function resendActivation(
  ctx: PortalContext,
  kiosk: KioskPrincipal,
  email: string,
  language: string | undefined,
  saveAnswer: AnswerSink = noAnswerSink,
) {
  const key = emailKey(email);
  const now = ctx.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    // The kiosk's budget first, reserved before the address's: a flood from one kiosk stops at its
    // cap without spending the quotas of the addresses it names.
    const perKiosk = await ctx.throttle.reserve(
      ctx.throttle.key(throttleLabel('resendPerKiosk'), kiosk.id),
      ctx.config.limits.resendPerKiosk,
      tx,
    );
    if (!perKiosk.ok) return { spent: 'kiosk' as const, until: perKiosk.until };
    const spent = await takeEmailQuota(ctx, tx, 'resend', key);
    if (spent) {
      await ctx.throttle.refund(perKiosk, tx);
      return spent;
    }
    await resetCodeBudget(ctx, tx, 'activation', key);
    await requestMail(tx, { kind: 'activation', emailKey: key, language: language ?? null }, now);
    const value = {
      accepted: true as const,
      resendAvailableAt: isoAfter(now, ctx.config.limits.resendCooldownSeconds),
    };
    await saveAnswer(tx, value);
    return value;
  });
  if ('spent' in outcome) {
    const code =
      outcome.spent === 'kiosk' ? 'rate_limited' : outcome.spent === 'daily' ? 'resend_daily_cap' : 'resend_cooldown';
    throw new ApiError(code, { retryAfterSeconds: retryAfter(outcome.until, now) });
  }
  return outcome;
}

/** The worker's half of a resend: a pending account gets a fresh secret and its email. */
export async function resolveActivationRequest(ctx: PortalContext, tx: PortalTx, request: MailRequest) {
  const account = await findAccountByEmailKey(tx, request.emailKey);
  if (account?.status === 'pending')
    await queueActivation(ctx, tx, { ...account, language: request.language ?? account.language }, ctx.now());
}

async function markActive(db: PortalDb | PortalTx, accountId: string, now: Date): Promise<void> {
  await db.update(accounts).set({ status: 'active', activatedAt: now.toISOString() }).where(eq(accounts.id, accountId));
}

/**
 * The 6-digit code typed at the kiosk. An unknown address, an account already active and a wrong
 * code get one answer (invalid_code), under the same per-address and per-kiosk budgets: the kiosk
 * where the tenant registered learns "activated elsewhere" from registrationStatus instead.
 */
export async function activateByCode(
  ctx: PortalContext,
  kiosk: KioskPrincipal,
  email: string,
  code: string,
  saveAnswer: AnswerSink = noAnswerSink,
) {
  const key = emailKey(email);
  const value = { activated: true as const };
  await checkCodeWithinBudget(ctx, 'activation', kiosk, key, async (tx, now) => {
    const account = await findAccountByEmailKey(tx, key);
    if (!account || account.status !== 'pending') return 'invalid';
    const check = await useCode(tx, {
      accountId: account.id,
      purpose: 'activation',
      code,
      maxAttempts: ctx.config.limits.codeAttempts,
      now,
    });
    if (check === 'ok') {
      await markActive(tx, account.id, now);
      await saveAnswer(tx, value);
    }
    return check;
  });
  return value;
}

export async function activateByLink(ctx: PortalContext, token: string, saveAnswer: AnswerSink = noAnswerSink) {
  const now = ctx.now();
  const value = { activated: true as const };
  if (!(await peekLink(ctx.db, token, 'activation', now))) throw new ApiError('link_invalid');
  const done = await ctx.db.transaction(async (tx) => {
    const accountId = await consumeLink(tx, token, 'activation', now);
    if (!accountId) return false;
    await markActive(tx, accountId, now);
    await saveAnswer(tx, value);
    return true;
  });
  if (!done) throw new ApiError('link_invalid');
  return value;
}
