import type { QueuedRefusal } from '../../../../shared/kiosk-api/registration';

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
