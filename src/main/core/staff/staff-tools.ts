import { createHash } from 'node:crypto';
import type { CallOutput } from '../../../shared/kiosk-api/types';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/locale';
import { fail, ok, type Result } from '../../../shared/result';
import { emailSchema, normalizeEmail } from '../../../shared/rules/email';
import { sendActivationResend, type ResendRefusal } from '../flows/common/resend';
import type { JourneyOutbox } from '../flows/common/journey-outbox';
import type { Logger } from '../logger';
import type { PortalClient } from '../portal-client/client';
import type { AssistedVisit } from './assisted';
import type { StaffService } from './service';

type WhyRefusal = 'why_not_assisted' | 'why_no_attempt' | 'why_refused' | 'why_limit' | 'portal_unreachable';

export interface StaffToolsOptions {
  staff: Pick<StaffService, 'isActive' | 'audit'>;
  journey: JourneyOutbox;
  portal: PortalClient;
  assisted: Pick<AssistedVisit, 'active' | 'journey'>;
  /** The visit's registration: the reference of its latest refused assisted step 1. */
  registration: { readonly attemptRef: string | null; forgetAttemptRef(): void };
  logger: Logger;
  now: () => number;
}

/**
 * Staff tools for a tenant standing at the kiosk (issue #12 item 3). The resend needs a live staff
 * session; « pourquoi ? » needs the assisted visit itself (starting one ended the staff session):
 * it asks only about the reference the visit's own registration holds, which dies with the visit
 * and is replaced by each new step 1. Both are written to the staff audit (codes only).
 */
export class StaffTools {
  constructor(private readonly options: StaffToolsOptions) {}

  async resendActivation(
    email: string,
    language: Language | undefined,
  ): Promise<Result<CallOutput<'staffResendActivation'>, 'staff_locked' | 'invalid_fields' | ResendRefusal>> {
    const { staff, journey, now, logger } = this.options;
    if (!staff.isActive()) {
      await staff.audit.record('resend_activation', 'refused', 'no_session');
      return fail('staff_locked');
    }
    const address = emailSchema.safeParse(normalizeEmail(email));
    if (!address.success) return fail('invalid_fields', { fields: ['email:invalid'] });
    const body = { email: address.data, language: language ?? DEFAULT_LANGUAGE };
    const sent = await sendActivationResend(journey, body, now, logger);
    await staff.audit.record(
      'resend_activation',
      sent.ok ? 'ok' : 'refused',
      sent.ok ? (sent.value.queued ? 'queued' : null) : sent.error.code,
    );
    return sent.ok ? ok({ accepted: true as const, queued: sent.value.queued }) : sent;
  }

  async why(): Promise<Result<CallOutput<'assistedWhy'>, WhyRefusal>> {
    const { assisted, registration, portal, staff } = this.options;
    const refuse = async (code: WhyRefusal) => {
      await staff.audit.record('registration_why', 'refused', code);
      return fail(code);
    };
    if (!assisted.active || assisted.journey !== 'registration') return refuse('why_not_assisted');
    const ref = registration.attemptRef;
    if (ref === null) return refuse('why_no_attempt');
    // A key from the reference: a retry after a lost answer gets the portal's stored answer, not not_found.
    const idempotencyKey = `why-${createHash('sha256').update(ref).digest('base64url').slice(0, 40)}`;
    const answer = await portal.call('registrationWhy', { body: { attemptRef: ref }, idempotencyKey });
    if (answer.ok) {
      registration.forgetAttemptRef();
      await staff.audit.record('registration_why', 'ok');
      return ok({ kind: answer.value.kind });
    }
    const code = answer.error.code;
    if (code === 'not_found') {
      registration.forgetAttemptRef();
      return refuse('why_refused');
    }
    if (code === 'rate_limited' || code === 'too_many_attempts') return refuse('why_limit');
    this.options.logger.warn({ call: 'registrationWhy', code }, 'portal call failed');
    return refuse('portal_unreachable');
  }
}
