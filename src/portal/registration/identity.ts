import { eq } from 'drizzle-orm';
import type { Identity } from '../../shared/portal-api/common';
import type { WhyKind } from '../../shared/portal-api/attempts';
import { compareNames } from '../../shared/rules/canonical-name';
import type { KioskPrincipal, PortalContext } from '../context';
import { accounts, signatories } from '../db/schema';
import { ApiError, retryAfter } from '../http/errors';
import { throttleLabel } from '../throttles';

/**
 * A refusal of the identity check that also knows its kind (for « pourquoi ? », issue #12). The
 * kind never reaches the answer: only an assisted attempt's reference lets staff ask for it.
 */
export class IdentityRefusal extends ApiError {
  constructor(
    readonly kind: WhyKind,
    code: 'identity_not_found' | 'already_registered' | 'too_many_attempts',
    extra: ConstructorParameters<typeof ApiError>[1] = {},
  ) {
    super(code, extra);
  }
}

export const identityBudgets = (ctx: PortalContext, kiosk: KioskPrincipal, identity: Identity) => [
  {
    key: ctx.throttle.key(throttleLabel('identityPerAccount'), identity.accountNumber),
    rule: ctx.config.limits.identityPerAccount,
  },
  { key: ctx.throttle.key(throttleLabel('identityPerKiosk'), kiosk.id), rule: ctx.config.limits.identityPerKiosk },
];

/**
 * Step 1 (and again on registration): finds the signatory of a current lease matching the identity,
 * on canonical names. A date of birth has ~15 bits, so the budget is what protects it (throttles.ts):
 * each check is reserved against a rolling budget per account number and per kiosk before it runs,
 * and given back only when it matched. A co-signatory's success gives back only its own check: the
 * failures of others on the same account number still count.
 */
export async function matchIdentity(ctx: PortalContext, kiosk: KioskPrincipal, identity: Identity) {
  const budgets = identityBudgets(ctx, kiosk, identity);
  const now = ctx.now();
  const reserved = await ctx.throttle.reserveAll(budgets);
  if (reserved instanceof Date)
    throw new IdentityRefusal('too_many_attempts', 'too_many_attempts', {
      retryAfterSeconds: retryAfter(reserved, now),
    });

  // Ended leases are read too (in the same query, so the work does not depend on them): a match
  // there is refused like an unknown identity, and only « pourquoi ? » may tell them apart.
  const candidates = await ctx.db
    .select({ signatory: signatories, accountId: accounts.id, accountStatus: accounts.status })
    .from(signatories)
    .leftJoin(accounts, eq(accounts.signatoryId, signatories.id))
    .where(eq(signatories.accountNumber, identity.accountNumber));
  const sameBirth = candidates.filter((c) => c.signatory.dateOfBirth === identity.dateOfBirth);
  const current = sameBirth.filter((c) => c.signatory.leaseStatus === 'current');
  const found = current.find((c) => compareNames(identity, c.signatory) === 'match');
  if (!found) {
    const swapped = current.some((c) => compareNames(identity, c.signatory) === 'swapped');
    const ended = sameBirth.some(
      (c) => c.signatory.leaseStatus === 'ended' && compareNames(identity, c.signatory) === 'match',
    );
    const blocks = [];
    for (const b of budgets) blocks.push(await ctx.throttle.failed(b.key, b.rule));
    const until = blocks.filter((b): b is Date => b !== null).sort((a, b) => b.getTime() - a.getTime())[0];
    if (until)
      throw new IdentityRefusal('too_many_attempts', 'too_many_attempts', {
        retryAfterSeconds: retryAfter(until, now),
      });
    throw new IdentityRefusal(
      ended ? 'lease_ended' : 'not_found',
      'identity_not_found',
      swapped ? { hint: 'names_swapped' } : {},
    );
  }
  await ctx.throttle.refund(reserved);
  if (found.accountId)
    throw new IdentityRefusal(
      found.accountStatus === 'active' ? 'already_active' : 'pending_activation',
      'already_registered',
    );
  return found.signatory;
}
