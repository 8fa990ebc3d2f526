import { and, eq, gt, lte } from 'drizzle-orm';
import { isoAfter, type PortalContext } from '../context';
import { adminSessions } from '../db/schema';
import type { ThrottleRule } from '../security/throttle';
import { THROTTLES, throttleLabel } from '../throttles';
import { hashToken, randomToken, sameHash } from '../security/tokens';

/** A working day on the IT screen; the page refreshes itself, so an idle limit would never bite. */
export const FLEET_SESSION_SECONDS = 8 * 3600;

/**
 * Wrong admin tokens, counted for the whole portal (not per address: every agency shares one, and
 * a per-address budget is free to an attacker with many). A spent budget also shuts out the right
 * token until it opens again; the admin CLI still works meanwhile.
 */
export const FLEET_LOGIN_RULE: ThrottleRule = THROTTLES.fleetLogin.budget;

/** Session ids are randomToken()s: anything else is not looked up. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export type FleetLogin =
  | { ok: true; sessionId: string }
  | { ok: false; reason: 'closed' | 'wrong' }
  | { ok: false; reason: 'throttled'; until: Date };

/**
 * Trades the admin token for a session. The attempt is reserved in the database before the token
 * is compared, so concurrent wrong tokens on any portal process never get more tries than the rule
 * allows; the right token gives its reservation back, without clearing others' failures.
 */
export async function openFleetSession(ctx: PortalContext, token: string): Promise<FleetLogin> {
  const expected = ctx.config.adminToken;
  if (!expected) return { ok: false, reason: 'closed' };
  const key = ctx.throttle.key(throttleLabel('fleetLogin'), 'all');
  const reserved = await ctx.throttle.reserve(key, FLEET_LOGIN_RULE);
  if (!reserved.ok) return { ok: false, reason: 'throttled', until: reserved.until };
  if (!sameHash(hashToken(token), hashToken(expected))) {
    // The try that spends the budget is still answered « wrong »; the next ones are refused unread.
    await ctx.throttle.failed(key, FLEET_LOGIN_RULE);
    return { ok: false, reason: 'wrong' };
  }
  await ctx.throttle.refund(reserved);
  const now = ctx.now();
  const sessionId = randomToken();
  const expiresAt = isoAfter(now, FLEET_SESSION_SECONDS);
  await ctx.db.delete(adminSessions).where(lte(adminSessions.expiresAt, now.toISOString()));
  await ctx.db.insert(adminSessions).values({ idHash: hashToken(sessionId), createdAt: now.toISOString(), expiresAt });
  return { ok: true, sessionId };
}

/** Whether the cookie's id names a live session (and the admin token is still configured). */
export async function fleetSessionIsLive(ctx: PortalContext, sessionId: string | undefined): Promise<boolean> {
  if (!ctx.config.adminToken || !sessionId || !SESSION_ID.test(sessionId)) return false;
  const row = await ctx.db
    .select({ idHash: adminSessions.idHash })
    .from(adminSessions)
    .where(and(eq(adminSessions.idHash, hashToken(sessionId)), gt(adminSessions.expiresAt, ctx.now().toISOString())))
    .get();
  return row !== undefined;
}

export async function closeFleetSession(ctx: PortalContext, sessionId: string | undefined): Promise<void> {
  if (sessionId && SESSION_ID.test(sessionId))
    await ctx.db.delete(adminSessions).where(eq(adminSessions.idHash, hashToken(sessionId)));
}
