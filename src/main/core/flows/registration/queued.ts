import { z } from 'zod';
import type { QueuedRefusal } from '../../../../shared/kiosk-api/registration';
import { isoDateTime } from '../../../../shared/portal-api/common';

/**
 * When a resend is queued the portal has not said when the next one may be asked for: the screen
 * waits this long, the portal's usual cool-down, rather than offer a button that would only queue
 * a second email.
 */
export const RESEND_GUESS_MS = 60_000;

const withResendTime = z.object({ resendAvailableAt: isoDateTime });

/** When the next activation email may be asked for, from the portal's answer to register / resend. */
export function registeredValue(value: unknown, now: number): number {
  const parsed = withResendTime.safeParse(value);
  return parsed.success ? Date.parse(parsed.data.resendAvailableAt) : now + RESEND_GUESS_MS;
}

/**
 * A queued registration refused on delivery, as the kiosk's refusal code (already mapped by the
 * flow's `fromPortal`) → what the screen says and the step that can fix it. A refusal that is not
 * the tenant's to fix stays on the queued screen, which then says to ask the front desk.
 */
export function queuedRefusal(code: string): { code: QueuedRefusal; back: 'identity' | 'login-details' | null } {
  switch (code) {
    case 'identity_not_found':
    case 'already_registered':
      return { code, back: 'identity' };
    case 'email_in_use':
    case 'terms_outdated':
    case 'cooldown':
      return { code, back: 'login-details' };
    case 'invalid_fields':
      // The portal refused the password (its list of common passwords may be longer than ours).
      return { code: 'weak_password', back: 'login-details' };
    default:
      return { code: 'not_delivered', back: null };
  }
}
