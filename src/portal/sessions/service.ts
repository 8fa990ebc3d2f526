import type { Language } from '../../shared/locale';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { emailKey } from '../../shared/rules/email';
import { accountWithSignatory, findAccountByEmailKey } from '../accounts/store';
import { isoAfter, type KioskPrincipal, type PortalContext } from '../context';
import { sessions } from '../db/schema';
import { ApiError, retryAfter } from '../http/errors';
import { hashToken, randomToken } from '../security/tokens';
import { throttleLabel } from '../throttles';

export const loginLockKey = (ctx: PortalContext, emailKeyValue: string) =>
  ctx.throttle.key(throttleLabel('loginPerEmail'), emailKeyValue);

/**
 * Email + password. Unknown email and wrong password are one answer, after the same argon2 work;
 * the lock-out counts attempts per address whether or not it has an account, so locking does not
 * reveal one either. Each attempt is reserved in the database before the password is checked, so
 * concurrent attempts (on any portal process) never get more tries than the lock-out allows, and a
 * locked address never yields a session, even with the right password. "Not activated" is said
 * only after a correct password.
 */
export async function login(ctx: PortalContext, kiosk: KioskPrincipal, email: string, password: string) {
  const key = emailKey(email);
  const { loginPerEmail, loginPerKiosk } = ctx.config.limits;
  const lockKey = loginLockKey(ctx, key);
  const kioskKey = ctx.throttle.key(throttleLabel('loginPerKiosk'), kiosk.id);
  const now = ctx.now();
  const locked = (until: Date) =>
    new ApiError('account_locked', { unlockAt: until.toISOString(), retryAfterSeconds: retryAfter(until, now) });
  const byAddress = await ctx.throttle.reserve(lockKey, loginPerEmail);
  if (!byAddress.ok) throw locked(byAddress.until);
  const byKiosk = await ctx.throttle.reserve(kioskKey, loginPerKiosk);
  if (!byKiosk.ok) {
    await ctx.throttle.refund(byAddress);
    throw new ApiError('too_many_attempts', { retryAfterSeconds: retryAfter(byKiosk.until, now) });
  }

  const account = await findAccountByEmailKey(ctx.db, key);
  const valid = account
    ? await ctx.hasher.verify(account.passwordHash, password)
    : (await ctx.hasher.verifyDummy(password), false);
  if (!account || !valid) {
    const until = await ctx.throttle.failed(lockKey, loginPerEmail);
    await ctx.throttle.failed(kioskKey, loginPerKiosk);
    if (until) throw locked(until);
    throw new ApiError('invalid_credentials');
  }
  await ctx.throttle.clear(lockKey);
  await ctx.throttle.refund(byKiosk);
  if (account.status !== 'active') throw new ApiError('not_activated');

  const token = randomToken();
  const expiresAt = isoAfter(now, ctx.config.lifetimes.sessionAbsoluteSeconds);
  await ctx.db.insert(sessions).values({
    tokenHash: hashToken(token),
    accountId: account.id,
    kioskId: kiosk.id,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt,
  });
  return { sessionToken: token, expiresAt, idleTimeoutSeconds: ctx.config.lifetimes.sessionIdleSeconds };
}

/** A live session: not revoked, before its absolute expiry, used within the idle timeout. */
async function liveSession(ctx: PortalContext, token: string | null) {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw new ApiError('session_invalid');
  const now = ctx.now();
  const idleLimit = new Date(now.getTime() - ctx.config.lifetimes.sessionIdleSeconds * 1000).toISOString();
  const tokenHash = hashToken(token);
  const touched = await ctx.db
    .update(sessions)
    .set({ lastSeenAt: now.toISOString() })
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now.toISOString()),
        gt(sessions.lastSeenAt, idleLimit),
      ),
    )
    .returning();
  const session = touched[0];
  if (!session) throw new ApiError('session_invalid');
  return session;
}

export async function me(ctx: PortalContext, token: string | null) {
  const session = await liveSession(ctx, token);
  const found = await accountWithSignatory(ctx.db, session.accountId);
  if (!found) throw new ApiError('session_invalid');
  const { account, signatory } = found;
  return {
    email: account.email,
    firstName: signatory.firstName,
    lastName: signatory.lastName,
    accountNumber: signatory.accountNumber,
    language: account.language as Language,
    expiresAt: session.expiresAt,
  };
}

export async function logout(ctx: PortalContext, token: string | null): Promise<void> {
  const session = await liveSession(ctx, token);
  await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now().toISOString() })
    .where(eq(sessions.tokenHash, session.tokenHash));
}
