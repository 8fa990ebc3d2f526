import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { portalRoutes } from '../../shared/portal-api/routes';
import { emailKey } from '../../shared/rules/email';
import { failedPasswordRules } from '../../shared/rules/password-policy';
import { queueActivation } from '../activation/service';
import { isoAfter, type KioskPrincipal, type PortalContext } from '../context';
import { accounts } from '../db/schema';
import { ApiError } from '../http/errors';
import { noAnswerSink, type AnswerSink } from '../http/idempotency';
import { takeEmailQuota } from '../security/address-budgets';
import { findAccountByEmailKey } from '../accounts/store';
import { matchIdentity } from './identity';

type RegisterInput = z.output<typeof portalRoutes.register.body>;

const uniqueViolation = (error: unknown, column: string): boolean => {
  const text = `${(error as Error)?.message ?? ''} ${String((error as { cause?: Error })?.cause?.message ?? '')}`;
  return /UNIQUE constraint failed/i.test(text) && text.includes(column);
};

/**
 * Steps 1 + 2 in one call (the kiosk's outbox sends them together, possibly after confirming step 1
 * offline): identity again, then policy, then the account, its activation secret, its email (queued)
 * and the answer (for an Idempotency-Key) in one transaction. Unique indexes settle races: two
 * identical registrations make one account.
 */
export async function register(
  ctx: PortalContext,
  kiosk: KioskPrincipal,
  input: RegisterInput,
  saveAnswer: AnswerSink = noAnswerSink,
) {
  if (input.acceptedTermsVersion !== ctx.config.termsVersion) throw new ApiError('terms_outdated');
  const rules = failedPasswordRules(input.password);
  if (rules.length > 0) throw new ApiError('weak_password', { rules });
  const signatory = await matchIdentity(ctx, kiosk, input.identity);
  const key = emailKey(input.email);
  if (await findAccountByEmailKey(ctx.db, key)) throw new ApiError('email_in_use');

  const passwordHash = await ctx.hasher.hash(input.password);
  const now = ctx.now();
  const accountId = randomUUID();
  const value = {
    status: 'pending_activation' as const,
    resendAvailableAt: isoAfter(now, ctx.config.limits.resendCooldownSeconds),
  };
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(accounts).values({
        id: accountId,
        signatoryId: signatory.id,
        email: input.email,
        emailKey: key,
        passwordHash,
        status: 'pending',
        language: input.language,
        termsVersion: input.acceptedTermsVersion,
        termsAcceptedAt: now.toISOString(),
        createdAt: now.toISOString(),
        createdByKiosk: kiosk.id,
      });
      // Starts the resend cool-down; the first email goes even if the address's quota is spent.
      await takeEmailQuota(ctx, tx, 'resend', key);
      await queueActivation(ctx, tx, { id: accountId, email: input.email, language: input.language }, now);
      await saveAnswer(tx, value);
    });
  } catch (error) {
    if (uniqueViolation(error, 'signatory_id')) throw new ApiError('already_registered');
    if (uniqueViolation(error, 'email_key')) throw new ApiError('email_in_use');
    throw error;
  }
  ctx.mail.kick();
  return value;
}
