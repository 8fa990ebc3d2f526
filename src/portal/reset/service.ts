import { and, eq, isNull } from 'drizzle-orm';
import { RESET_PAGE_PATH } from '../../shared/portal-api/routes';
import { emailKey } from '../../shared/rules/email';
import { failedPasswordRules } from '../../shared/rules/password-policy';
import { findAccount, findAccountByEmailKey } from '../accounts/store';
import type { KioskPrincipal, PortalContext } from '../context';
import type { PortalTx } from '../db/open';
import { accounts, oneTimeSecrets, sessions } from '../db/schema';
import { ApiError } from '../http/errors';
import { noAnswerSink, type AnswerSink } from '../http/idempotency';
import { enqueueMail, requestMail, type MailRequest } from '../mail/queue';
import { passwordChangedMail, resetMail } from '../mail/templates';
import { checkCodeWithinBudget, resetCodeBudget, takeEmailQuota } from '../security/address-budgets';
import { consumeLink, issueSecret, useCode } from '../security/one-time';
import { loginLockKey } from '../sessions/service';

export const resetLink = (ctx: PortalContext, token: string): string =>
  `${ctx.publicUrl()}${RESET_PAGE_PATH}?data=${token}`;

/**
 * Always the same answer, after the same work: one transaction counts the address's quotas and
 * records a mail request, for any address; the mail worker decides after the answer whether there
 * is an account to email (resolveResetRequest). Neither the answer nor its timing tells.
 */
export async function requestReset(
  ctx: PortalContext,
  email: string,
  language: string | undefined,
  saveAnswer: AnswerSink = noAnswerSink,
) {
  const key = emailKey(email);
  const now = ctx.now();
  // The interval is the portal's setting, the same for every address: it tells nothing about one.
  const value = { accepted: true as const, resendAfterSeconds: ctx.config.limits.resendCooldownSeconds };
  await ctx.db.transaction(async (tx) => {
    await saveAnswer(tx, value);
    if (await takeEmailQuota(ctx, tx, 'reset', key)) return;
    await resetCodeBudget(ctx, tx, 'reset', key);
    await requestMail(tx, { kind: 'reset', emailKey: key, language: language ?? null }, now);
  });
  return value;
}

/** The worker's half of a reset request: an account gets a reset secret and its email. */
export async function resolveResetRequest(ctx: PortalContext, tx: PortalTx, request: MailRequest) {
  const account = await findAccountByEmailKey(tx, request.emailKey);
  if (!account) return;
  const now = ctx.now();
  const secret = await issueSecret(tx, {
    accountId: account.id,
    purpose: 'reset',
    linkSeconds: ctx.config.lifetimes.resetLinkSeconds,
    codeSeconds: ctx.config.lifetimes.resetCodeSeconds,
    now,
  });
  const minutes = Math.round(ctx.config.lifetimes.resetCodeSeconds / 60);
  const mail = resetMail(request.language ?? account.language, resetLink(ctx, secret.token), secret.code, minutes);
  await enqueueMail(tx, { to: account.email, ...mail }, now);
}

function checkPolicy(password: string): void {
  const rules = failedPasswordRules(password);
  if (rules.length > 0) throw new ApiError('weak_password', { rules });
}

/**
 * Sets the new password: ends every session, clears the lock-out, voids other reset secrets, and
 * activates a pending account (the email was proven); queues the "password changed" notice and
 * stores the answer, all in the caller's transaction.
 */
async function setPassword(
  ctx: PortalContext,
  tx: PortalTx,
  account: { id: string; email: string; emailKey: string; language: string; activatedAt: string | null },
  passwordHash: string,
  saveAnswer: AnswerSink,
): Promise<void> {
  const now = ctx.now();
  const nowIso = now.toISOString();
  await tx
    .update(accounts)
    .set({ passwordHash, passwordChangedAt: nowIso, status: 'active', activatedAt: account.activatedAt ?? nowIso })
    .where(eq(accounts.id, account.id));
  await tx
    .update(sessions)
    .set({ revokedAt: nowIso })
    .where(and(eq(sessions.accountId, account.id), isNull(sessions.revokedAt)));
  await tx
    .update(oneTimeSecrets)
    .set({ usedAt: nowIso })
    .where(
      and(eq(oneTimeSecrets.accountId, account.id), eq(oneTimeSecrets.purpose, 'reset'), isNull(oneTimeSecrets.usedAt)),
    );
  await ctx.throttle.clear(loginLockKey(ctx, account.emailKey), tx);
  await enqueueMail(tx, { to: account.email, ...passwordChangedMail(account.language) }, now);
  await saveAnswer(tx, { reset: true });
}

/**
 * The 6-digit code and a new password. An unknown address and a wrong code get one answer under
 * the same budgets. The argon2 work runs only after a right code, outside the transaction.
 */
export async function confirmResetByCode(
  ctx: PortalContext,
  kiosk: KioskPrincipal,
  email: string,
  code: string,
  newPassword: string,
  saveAnswer: AnswerSink = noAnswerSink,
) {
  checkPolicy(newPassword);
  const key = emailKey(email);
  let accountId: string | null = null;
  await checkCodeWithinBudget(ctx, 'reset', kiosk, key, async (tx, now) => {
    const account = await findAccountByEmailKey(tx, key);
    if (!account) return 'invalid';
    const check = await useCode(tx, {
      accountId: account.id,
      purpose: 'reset',
      code,
      maxAttempts: ctx.config.limits.codeAttempts,
      now,
    });
    if (check === 'ok') accountId = account.id;
    return check;
  });
  await finishReset(ctx, accountId, newPassword, saveAnswer);
  return { reset: true as const };
}

export async function confirmResetByLink(
  ctx: PortalContext,
  token: string,
  newPassword: string,
  saveAnswer: AnswerSink = noAnswerSink,
) {
  checkPolicy(newPassword);
  const accountId = await consumeLink(ctx.db, token, 'reset', ctx.now());
  if (!accountId) throw new ApiError('link_invalid');
  await finishReset(ctx, accountId, newPassword, saveAnswer);
  return { reset: true as const };
}

async function finishReset(ctx: PortalContext, accountId: string | null, password: string, saveAnswer: AnswerSink) {
  const account = accountId ? await findAccount(ctx.db, accountId) : undefined;
  if (!account) throw new ApiError('link_invalid');
  const passwordHash = await ctx.hasher.hash(password);
  await ctx.db.transaction((tx) => setPassword(ctx, tx, account, passwordHash, saveAnswer));
}
