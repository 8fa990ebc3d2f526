import { and, eq } from 'drizzle-orm';
import type { Identity } from '../../shared/portal-api/common';
import { compareNames } from '../../shared/rules/canonical-name';
import type { KioskPrincipal, PortalContext } from '../context';
import { accounts, signatories } from '../db/schema';
import { ApiError, retryAfter } from '../http/errors';

export const identityKeys = (kiosk: KioskPrincipal, identity: Identity) => ({
  account: `identity:acct:${identity.accountNumber}`,
  kiosk: `identity:kiosk:${kiosk.id}`,
});

/**
 * Step 1: finds the signatory of a current lease matching the identity, on canonical names. A date of
 * birth has ~36,500 values, so failures are counted per account number and per kiosk, and either
 * counter reaching its limit imposes a cool-down.
 */
export async function matchIdentity(ctx: PortalContext, kiosk: KioskPrincipal, identity: Identity) {
  const keys = identityKeys(kiosk, identity);
  const wait = Math.max(await ctx.throttle.blockedFor(keys.account), await ctx.throttle.blockedFor(keys.kiosk));
  if (wait > 0) throw new ApiError('too_many_attempts', { retryAfterSeconds: wait });

  const candidates = await ctx.db
    .select({ signatory: signatories, accountId: accounts.id })
    .from(signatories)
    .leftJoin(accounts, eq(accounts.signatoryId, signatories.id))
    .where(and(eq(signatories.accountNumber, identity.accountNumber), eq(signatories.leaseStatus, 'current')));
  const sameBirth = candidates.filter((c) => c.signatory.dateOfBirth === identity.dateOfBirth);
  const found = sameBirth.find((c) => compareNames(identity, c.signatory) === 'match');
  if (!found) {
    const swapped = sameBirth.some((c) => compareNames(identity, c.signatory) === 'swapped');
    const now = ctx.now();
    const blocks = [
      await ctx.throttle.fail(keys.account, ctx.config.limits.identityPerAccount),
      await ctx.throttle.fail(keys.kiosk, ctx.config.limits.identityPerKiosk),
    ];
    const until = blocks.filter((b): b is Date => b !== null).sort((a, b) => b.getTime() - a.getTime())[0];
    if (until) throw new ApiError('too_many_attempts', { retryAfterSeconds: retryAfter(until, now) });
    throw new ApiError('identity_not_found', swapped ? { hint: 'names_swapped' } : {});
  }
  if (await ctx.throttle.exists(keys.account)) await ctx.throttle.clear(keys.account);
  if (found.accountId) throw new ApiError('already_registered');
  return found.signatory;
}
