import { and, eq, isNull } from 'drizzle-orm';
import { RESET_PAGE_PATH } from '../../shared/portal-api/routes';
import { emailKey } from '../../shared/rules/email';
import { failedPasswordRules } from '../../shared/rules/password-policy';
import { findAccount, findAccountByEmailKey } from '../accounts/store';
import type { PortalContext } from '../context';
import { accounts, oneTimeSecrets, sessions } from '../db/schema';
import { ApiError } from '../http/errors';
import { passwordChangedMail, resetMail } from '../mail/templates';
import { consumeLink, issueSecret, useCode } from '../security/one-time';
import { loginLockKey } from '../sessions/service';

export const resetLink = (ctx: PortalContext, token: string): string =>
  `${ctx.publicUrl()}${RESET_PAGE_PATH}?data=${token}`;

/**
 * Always the same answer, after the same work: the email is sent in the background, so neither the
 * answer nor its timing tells whether the address has an account. Per-address quotas stop a flood.
 */
export async function requestReset(ctx: PortalContext, email: string, language: string | undefined): Promise<void> {
  const key = emailKey(email);
  const now = ctx.now();
  const withinQuota =
    (await ctx.throttle.take(`reset:cooldown:${key}`, {
      maxFailures: 1,
      windowSeconds: ctx.config.limits.resendCooldownSeconds,
      blockSeconds: ctx.config.limits.resendCooldownSeconds,
    })) &&
    (await ctx.throttle.take(`reset:day:${key}`, {
      maxFailures: ctx.config.limits.resendDailyCap,
      windowSeconds: 86_400,
      blockSeconds: 86_400,
    }));
  if (!withinQuota) return;
  // Everything that depends on whether the account exists happens after the answer.
  ctx.pending.track(
    (async () => {
      const account = await findAccountByEmailKey(ctx.db, key);
      if (!account) return;
      const secret = await issueSecret(ctx.db, {
        accountId: account.id,
        purpose: 'reset',
        linkSeconds: ctx.config.lifetimes.resetLinkSeconds,
        codeSeconds: ctx.config.lifetimes.resetCodeSeconds,
        now,
      });
      const minutes = Math.round(ctx.config.lifetimes.resetCodeSeconds / 60);
      await ctx.mailer.send({
        to: account.email,
        ...resetMail(language ?? account.language, resetLink(ctx, secret.token), secret.code, minutes),
      });
    })().catch((error: unknown) => ctx.log.warn({ err: error }, 'password reset email not prepared')),
  );
}

function checkPolicy(password: string): void {
  const rules = failedPasswordRules(password);
  if (rules.length > 0) throw new ApiError('weak_password', { rules });
}

/**
 * Sets the new password: ends every session, clears the lock-out, voids other reset secrets, and
 * activates a pending account (the email was proven). Then the "password changed" notice.
 */
async function setPassword(ctx: PortalContext, accountId: string, password: string): Promise<void> {
  const passwordHash = await ctx.hasher.hash(password);
  const now = ctx.now().toISOString();
  const account = await findAccount(ctx.db, accountId);
  if (!account) throw new ApiError('link_invalid');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, passwordChangedAt: now, status: 'active', activatedAt: account.activatedAt ?? now })
      .where(eq(accounts.id, accountId));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)));
    await tx
      .update(oneTimeSecrets)
      .set({ usedAt: now })
      .where(
        and(
          eq(oneTimeSecrets.accountId, accountId),
          eq(oneTimeSecrets.purpose, 'reset'),
          isNull(oneTimeSecrets.usedAt),
        ),
      );
    await ctx.throttle.clear(loginLockKey(account.emailKey), tx);
  });
  await ctx.mailer.send({ to: account.email, ...passwordChangedMail(account.language) });
}

export async function confirmResetByCode(
  ctx: PortalContext,
  email: string,
  code: string,
  newPassword: string,
): Promise<void> {
  checkPolicy(newPassword);
  const account = await findAccountByEmailKey(ctx.db, emailKey(email));
  if (!account) throw new ApiError('invalid_code');
  const check = await useCode(ctx.db, {
    accountId: account.id,
    purpose: 'reset',
    code,
    maxAttempts: ctx.config.limits.codeAttempts,
    now: ctx.now(),
  });
  if (check === 'too_many') throw new ApiError('too_many_attempts');
  if (check === 'expired') throw new ApiError('code_expired');
  if (check !== 'ok') throw new ApiError('invalid_code');
  await setPassword(ctx, account.id, newPassword);
}

export async function confirmResetByLink(ctx: PortalContext, token: string, newPassword: string): Promise<void> {
  checkPolicy(newPassword);
  const accountId = await consumeLink(ctx.db, token, 'reset', ctx.now());
  if (!accountId) throw new ApiError('link_invalid');
  await setPassword(ctx, accountId, newPassword);
}
