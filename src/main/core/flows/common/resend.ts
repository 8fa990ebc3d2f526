import { z } from 'zod';
import type { Language } from '../../../../shared/locale';
import { isoDateTime } from '../../../../shared/portal-api/common';
import { ok, type Result } from '../../../../shared/result';
import type { Logger } from '../../logger';
import type { DeliveryOutcome } from '../../outbox/types';
import { logUnreachable, refusalMap } from './checks';
import type { JourneyOutbox } from './journey-outbox';

/** What a resend may be refused for, in every call that asks for one (registration, login, staff). */
export type ResendRefusal = 'resend_cooldown' | 'resend_daily_cap' | 'portal_unreachable';

/**
 * When a resend is queued the portal has not said when the next one may be asked for: the screen
 * waits this long, the portal's usual cool-down, rather than offer a button that would only queue
 * a second email.
 */
export const RESEND_GUESS_MS = 60_000;

const withResendTime = z.object({ resendAvailableAt: isoDateTime });

/** When the next activation email may be asked for, from the portal's answer to register / resend. */
export function nextResendAt(value: unknown, now: number): number {
  const parsed = withResendTime.safeParse(value);
  return parsed.success ? Date.parse(parsed.data.resendAvailableAt) : now + RESEND_GUESS_MS;
}

const withResetInterval = z.object({ resendAfterSeconds: z.number().int().positive() });

/**
 * When another reset email may be asked for, from the portal's answer (issue #12): its interval,
 * the same for every address. Null when the request waits in the outbox (the portal has not
 * counted it yet) or an older portal did not say: the screen then says what is true instead.
 */
export function nextResetAt(outcome: DeliveryOutcome, now: number): number | null {
  if (outcome.state !== 'delivered') return null;
  const parsed = withResetInterval.safeParse(outcome.value);
  return parsed.success ? now + parsed.data.resendAfterSeconds * 1000 : null;
}

/**
 * A portal refusal of a resend → the kiosk's code. The portal's per-kiosk cap (`rate_limited`) is,
 * for the tenant, one more « wait before asking again ».
 */
export const resendRefusal = refusalMap<ResendRefusal>({
  route: 'resendActivation',
  retry: true,
  renamed: { rate_limited: 'resend_cooldown' },
});

/**
 * A new activation email for an address, as a row of the outbox like every effectful call (issue
 * #12): from the registration's activation step, the staff panel and the login screen after
 * `not_activated`. The portal answers alike for any address and sends only to a pending account;
 * `resendAvailableAt` is when another may be asked for (the portal's word, or its usual interval
 * when the row waits in the outbox). Each resend is its own row (own Idempotency-Key): asking again
 * later is a new request.
 */
export async function sendActivationResend(
  journey: JourneyOutbox,
  body: { email: string; language: Language },
  now: () => number,
  logger: Logger,
): Promise<Result<{ queued: boolean; resendAvailableAt: number }, ResendRefusal>> {
  const { outcome } = await journey.send('resend_activation', body);
  if (outcome.state === 'refused')
    return logUnreachable(logger, 'resendActivation', outcome.error, resendRefusal(outcome.error));
  const queued = outcome.state === 'pending';
  return ok({ queued, resendAvailableAt: queued ? now() + RESEND_GUESS_MS : nextResendAt(outcome.value, now()) });
}
