import { eq } from 'drizzle-orm';
import { emailKey } from '../../shared/rules/email';
import { ACTIVATION_PAGE_PATH } from '../../shared/portal-api/routes';
import { findAccountByEmailKey } from '../accounts/store';
import { isoAfter, type PortalContext } from '../context';
import { accounts } from '../db/schema';
import { ApiError, retryAfter } from '../http/errors';
import { activationMail } from '../mail/templates';
import { consumeLink, issueSecret, peekLink, useCode } from '../security/one-time';

export const activationLink = (ctx: PortalContext, token: string): string =>
  `${ctx.publicUrl()}${ACTIVATION_PAGE_PATH}?target=link&data=${token}`;

const quotas = (ctx: PortalContext, key: string) => ({
  cooldown: {
    key: `resend:cooldown:${key}`,
    rule: {
      maxFailures: 1,
      windowSeconds: ctx.config.limits.resendCooldownSeconds,
      blockSeconds: ctx.config.limits.resendCooldownSeconds,
    },
  },
  daily: {
    key: `resend:day:${key}`,
    rule: { maxFailures: ctx.config.limits.resendDailyCap, windowSeconds: 86_400, blockSeconds: 86_400 },
  },
});

/** Sends the activation email and starts the resend cool-down; returns when a resend is allowed. */
export async function sendActivation(
  ctx: PortalContext,
  to: { email: string; emailKey: string; language: string },
  secret: { token: string; code: string },
): Promise<string> {
  const q = quotas(ctx, to.emailKey);
  await ctx.throttle.take(q.daily.key, q.daily.rule);
  await ctx.throttle.take(q.cooldown.key, q.cooldown.rule);
  const minutes = Math.round(ctx.config.lifetimes.activationCodeSeconds / 60);
  await ctx.mailer.send({
    to: to.email,
    ...activationMail(to.language, activationLink(ctx, secret.token), secret.code, minutes),
  });
  return isoAfter(ctx.now(), ctx.config.limits.resendCooldownSeconds);
}

/**
 * A fresh activation email. The answer does not say whether the address has a pending account:
 * the cool-down and the daily cap apply to any address.
 */
export async function resendActivation(ctx: PortalContext, email: string, language: string | undefined) {
  const key = emailKey(email);
  const q = quotas(ctx, key);
  const now = ctx.now();
  const daily = await ctx.throttle.blockedUntil(q.daily.key);
  if (daily) throw new ApiError('resend_daily_cap', { retryAfterSeconds: retryAfter(daily, now) });
  const cooling = await ctx.throttle.blockedUntil(q.cooldown.key);
  if (cooling) throw new ApiError('resend_cooldown', { retryAfterSeconds: retryAfter(cooling, now) });
  const account = await findAccountByEmailKey(ctx.db, key);
  if (account && account.status === 'pending') {
    const secret = await issueSecret(ctx.db, {
      accountId: account.id,
      purpose: 'activation',
      linkSeconds: ctx.config.lifetimes.activationLinkSeconds,
      codeSeconds: ctx.config.lifetimes.activationCodeSeconds,
      now,
    });
    return {
      accepted: true as const,
      resendAvailableAt: await sendActivation(
        ctx,
        { email: account.email, emailKey: key, language: language ?? account.language },
        secret,
      ),
    };
  }
  await ctx.throttle.take(q.daily.key, q.daily.rule);
  await ctx.throttle.take(q.cooldown.key, q.cooldown.rule);
  return { accepted: true as const, resendAvailableAt: isoAfter(now, ctx.config.limits.resendCooldownSeconds) };
}

async function markActive(ctx: PortalContext, accountId: string, now: Date): Promise<void> {
  await ctx.db
    .update(accounts)
    .set({ status: 'active', activatedAt: now.toISOString() })
    .where(eq(accounts.id, accountId));
}

export async function activateByCode(ctx: PortalContext, email: string, code: string): Promise<void> {
  const account = await findAccountByEmailKey(ctx.db, emailKey(email));
  if (!account) throw new ApiError('invalid_code');
  if (account.status === 'active') throw new ApiError('already_active');
  const now = ctx.now();
  const check = await useCode(ctx.db, {
    accountId: account.id,
    purpose: 'activation',
    code,
    maxAttempts: ctx.config.limits.codeAttempts,
    now,
  });
  if (check === 'too_many') throw new ApiError('too_many_attempts');
  if (check === 'expired') throw new ApiError('code_expired');
  if (check !== 'ok') throw new ApiError('invalid_code');
  await markActive(ctx, account.id, now);
}

export async function activateByLink(ctx: PortalContext, token: string): Promise<void> {
  const now = ctx.now();
  const pending = await peekLink(ctx.db, token, 'activation', now);
  if (!pending) throw new ApiError('link_invalid');
  const accountId = await consumeLink(ctx.db, token, 'activation', now);
  if (!accountId) throw new ApiError('link_invalid');
  await markActive(ctx, accountId, now);
}
