import type { KioskPrincipal, PortalContext } from '../context';
import type { PortalTx } from '../db/open';
import { ApiError, retryAfter } from '../http/errors';
import { throttleLabel } from '../throttles';
import type { CodeCheck } from './one-time';

/**
 * Budgets keyed by an email address — any address, with an account or not, so that neither the
 * answers nor the refusals tell whether it has one.
 */
export type EmailKind = 'resend' | 'reset';
export type CodeKind = 'activation' | 'reset';

const sendRules = (ctx: PortalContext) => {
  const { resendCooldownSeconds: cooldown, resendDailyCap } = ctx.config.limits;
  return {
    cooldown: { maxFailures: 1, windowSeconds: cooldown, blockSeconds: cooldown },
    daily: { maxFailures: resendDailyCap, windowSeconds: 86_400, blockSeconds: 86_400 },
  };
};

/**
 * Counts one email to `emailKey` against its cool-down and daily cap, in the caller's transaction;
 * says which is spent (nothing counted then). A registration's first activation email goes even
 * when spent: it only starts the cool-down.
 */
export async function takeEmailQuota(
  ctx: PortalContext,
  tx: PortalTx,
  kind: EmailKind,
  emailKey: string,
): Promise<{ spent: 'daily' | 'cooldown'; until: Date } | null> {
  const rules = sendRules(ctx);
  const daily = await ctx.throttle.reserve(
    ctx.throttle.key(throttleLabel('emailDaily', kind), emailKey),
    rules.daily,
    tx,
  );
  if (!daily.ok) return { spent: 'daily', until: daily.until };
  const cooldown = await ctx.throttle.reserve(
    ctx.throttle.key(throttleLabel('emailCooldown', kind), emailKey),
    rules.cooldown,
    tx,
  );
  if (!cooldown.ok) {
    await ctx.throttle.refund(daily, tx);
    return { spent: 'cooldown', until: cooldown.until };
  }
  return null;
}

const codeBudgets = (ctx: PortalContext, kind: CodeKind, kiosk: KioskPrincipal | null, emailKey: string) => {
  const { codeAttempts, codePerKiosk } = ctx.config.limits;
  const perAddress = { maxFailures: codeAttempts, windowSeconds: 86_400, blockSeconds: 86_400 };
  return [
    { key: ctx.throttle.key(throttleLabel('codePerAddress', kind), emailKey), rule: perAddress },
    ...(kiosk ? [{ key: ctx.throttle.key(throttleLabel('codePerKiosk', kind), kiosk.id), rule: codePerKiosk }] : []),
  ];
};

/** A new email with a new code was asked for `emailKey`: its code tries start again. */
export async function resetCodeBudget(ctx: PortalContext, tx: PortalTx, kind: CodeKind, emailKey: string) {
  await ctx.throttle.clear(ctx.throttle.key(throttleLabel('codePerAddress', kind), emailKey), tx);
}

/**
 * Runs one 6-digit code check under the address's and the kiosk's budgets, reserved before the
 * check: `check` runs in a transaction and says how it went (an unknown address is 'invalid', like
 * a wrong code). Every refusal depends only on the budgets, which any address has alike: a wrong,
 * expired or exhausted code, an unknown address and an active account all answer invalid_code, and
 * the last try of a budget too_many_attempts.
 */
export async function checkCodeWithinBudget(
  ctx: PortalContext,
  kind: CodeKind,
  kiosk: KioskPrincipal | null,
  emailKey: string,
  check: (tx: PortalTx, now: Date) => Promise<CodeCheck>,
): Promise<void> {
  const budgets = codeBudgets(ctx, kind, kiosk, emailKey);
  const now = ctx.now();
  const reserved = await ctx.throttle.reserveAll(budgets);
  if (reserved instanceof Date)
    throw new ApiError('too_many_attempts', { retryAfterSeconds: retryAfter(reserved, now) });
  const result = await ctx.db.transaction(async (tx) => {
    const outcome = await check(tx, now);
    if (outcome === 'ok') await ctx.throttle.refund(reserved, tx);
    return outcome;
  });
  if (result === 'ok') return;
  let spent: Date | null = null;
  for (const b of budgets) spent = (await ctx.throttle.failed(b.key, b.rule)) ?? spent;
  if (spent) throw new ApiError('too_many_attempts', { retryAfterSeconds: retryAfter(spent, now) });
  throw new ApiError('invalid_code');
}
