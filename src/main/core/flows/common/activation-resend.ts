import { fail, ok, type Result } from '../../../../shared/result';
import type { Language } from '../../../../shared/locale';
import { fromPortal } from '../registration/errors';
import { registeredValue, RESEND_GUESS_MS } from '../registration/queued';
import type { JourneyOutbox } from './journey-outbox';

export type ResendRefusal = 'resend_cooldown' | 'resend_daily_cap' | 'cooldown' | 'portal_unreachable';

/**
 * A new activation email for an address, as a row of the outbox like every effectful call (issue
 * #12): from the staff panel and from the login screen after `not_activated`. The portal answers
 * alike for any address and sends only to a pending account; `resendAvailableAt` is when another
 * may be asked for (the portal's word, or its usual interval when the row waits in the outbox).
 */
export async function sendActivationResend(
  journey: JourneyOutbox,
  body: { email: string; language: Language },
  now: () => number,
): Promise<Result<{ queued: boolean; resendAvailableAt: number }, ResendRefusal>> {
  const { outcome } = await journey.send('resend_activation', body);
  if (outcome.state === 'refused') {
    const refused = fromPortal(outcome.error, 'resend');
    const code = refused.error.code as ResendRefusal;
    return fail(
      code,
      refused.error.retryAfterSeconds !== undefined ? { retryAfterSeconds: refused.error.retryAfterSeconds } : {},
    );
  }
  const queued = outcome.state === 'pending';
  const resendAvailableAt = queued ? now() + RESEND_GUESS_MS : registeredValue(outcome.value, now());
  return ok({ queued, resendAvailableAt });
}
