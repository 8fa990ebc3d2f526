import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { portalRoutes } from '../../shared/portal-api/routes';
import { emailKey } from '../../shared/rules/email';
import { failedPasswordRules } from '../../shared/rules/password-policy';
import { sendActivation } from '../activation/service';
import type { KioskPrincipal, PortalContext } from '../context';
import { accounts } from '../db/schema';
import { ApiError } from '../http/errors';
import { issueSecret } from '../security/one-time';
import { findAccountByEmailKey } from '../accounts/store';
import { matchIdentity } from './identity';

type RegisterInput = z.output<typeof portalRoutes.register.body>;

const uniqueViolation = (error: unknown, column: string): boolean => {
  const text = `${(error as Error)?.message ?? ''} ${String((error as { cause?: Error })?.cause?.message ?? '')}`;
  return /UNIQUE constraint failed/i.test(text) && text.includes(column);
};

/**
 * Steps 1 + 2 in one call (the kiosk's outbox sends them together, possibly after confirming step 1
 * offline): identity again, then policy, then the account and its activation secret in one
 * transaction. Unique indexes settle races: two identical registrations make one account.
 */
export async function register(ctx: PortalContext, kiosk: KioskPrincipal, input: RegisterInput) {
  if (input.acceptedTermsVersion !== ctx.config.termsVersion) throw new ApiError('terms_outdated');
  const rules = failedPasswordRules(input.password);
  if (rules.length > 0) throw new ApiError('weak_password', { rules });
  const signatory = await matchIdentity(ctx, kiosk, input.identity);
  const key = emailKey(input.email);
  if (await findAccountByEmailKey(ctx.db, key)) throw new ApiError('email_in_use');

  const passwordHash = await ctx.hasher.hash(input.password);
  const now = ctx.now();
  const accountId = randomUUID();
  let secret: { token: string; code: string };
  try {
    secret = await ctx.db.transaction(async (tx) => {
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
      return issueSecret(tx, {
        accountId,
        purpose: 'activation',
        linkSeconds: ctx.config.lifetimes.activationLinkSeconds,
        codeSeconds: ctx.config.lifetimes.activationCodeSeconds,
        now,
      });
    });
  } catch (error) {
    if (uniqueViolation(error, 'signatory_id')) throw new ApiError('already_registered');
    if (uniqueViolation(error, 'email_key')) throw new ApiError('email_in_use');
    throw error;
  }
  const resendAvailableAt = await sendActivation(
    ctx,
    { email: input.email, emailKey: key, language: input.language },
    secret,
  );
  return { status: 'pending_activation' as const, resendAvailableAt };
}
