import type { KioskApi } from '../../../../shared/kiosk-api/calls';
import { fail, type Failure } from '../../../../shared/result';
import { emailSchema } from '../../../../shared/rules/email';
import type { PortalCallError } from '../../portal-client/client';
import { expectedRefusals } from '../common/refusals';

/** Every refusal the login call may answer, as the contract lists them. */
export type LoginError = KioskApi['login']['errors'][number];

/** `invalid_fields` entries ("<field>:<reason>", reasons as in LOGIN_FIELD_REASONS): nothing here asks the portal. */
export function loginProblems(input: { email: string; password: string }): string[] {
  const problems: string[] = [];
  if (input.email.trim() === '') problems.push('email:required');
  else if (!emailSchema.safeParse(input.email).success) problems.push('email:invalid');
  if (input.password === '') problems.push('password:required');
  return problems;
}

/** The portal's refusals of POST /v1/sessions that are the tenant's to hear; any other is not. */
const EXPECTED = expectedRefusals('login');

/**
 * A portal refusal → the kiosk's code for it. Whatever is not the tenant's to fix (the portal
 * down, the kiosk's credential refused, an answer outside the contract) is `portal_unreachable`;
 * staff see the real cause in the logs. The portal already answers unknown address and wrong
 * password alike; nothing here may tell them apart either.
 */
export function fromPortal(error: PortalCallError): Failure<LoginError> {
  if (!EXPECTED.has(error.code)) return fail('portal_unreachable');
  const retry = error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {};
  switch (error.code) {
    case 'account_locked':
      return fail('account_locked', retry);
    case 'too_many_attempts':
      return fail('too_many_attempts', retry);
    case 'not_activated':
      return fail('not_activated');
    default:
      return fail('invalid_credentials');
  }
}

/** Refusals that count towards the kiosk's slow-down: the email + password were not accepted. */
export const countsAsFailure = (code: LoginError): boolean =>
  code === 'invalid_credentials' || code === 'account_locked';
