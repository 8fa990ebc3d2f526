import type { QueuedRefusal } from '../../../../shared/kiosk-api/registration';
import type { CallError } from '../../../../shared/kiosk-api/types';
import { fail, type Failure } from '../../../../shared/result';
import { checkDateOfBirth, isoToday } from '../../../../shared/rules/date-of-birth';
import { emailKey, emailSchema } from '../../../../shared/rules/email';
import { failedPasswordRules } from '../../../../shared/rules/password-policy';
import type { PortalCallError } from '../../portal-client/client';
import { invalidFields } from '../common/checks';
import { expectedRefusals } from '../common/refusals';

/** Every refusal a registration call may answer, as the contract lists them. */
export type RegistrationError =
  | CallError<'submitIdentity'>
  | CallError<'submitLoginDetails'>
  | CallError<'activateByCode'>
  | CallError<'resendActivation'>;

/** `invalid_fields` entries: "<field>:<reason>", reasons as in FIELD_REASONS of the contract. */
export function identityProblems(input: { dateOfBirth: string }, today: string = isoToday()): string[] {
  const problem = checkDateOfBirth(input.dateOfBirth, today);
  return problem ? [`dateOfBirth:${problem}`] : [];
}

export interface LoginDetailsInput {
  email: string;
  emailConfirmation: string;
  password: string;
  passwordConfirmation: string;
  acceptedTermsVersion: string | null;
}

export function loginDetailsProblems(input: LoginDetailsInput, termsVersion: string): string[] {
  const problems: string[] = [];
  if (!emailSchema.safeParse(input.email).success) problems.push('email:invalid');
  if (emailKey(input.email) !== emailKey(input.emailConfirmation)) problems.push('emailConfirmation:mismatch');
  for (const rule of failedPasswordRules(input.password)) problems.push(`password:${rule}`);
  if (input.password !== input.passwordConfirmation) problems.push('passwordConfirmation:mismatch');
  if (input.acceptedTermsVersion === null) problems.push('acceptedTermsVersion:required');
  else if (input.acceptedTermsVersion !== termsVersion) problems.push('acceptedTermsVersion:outdated');
  return problems;
}

/** The portal names fields by their path in its body ("identity.dateOfBirth"); the screens by their own name. */
const fieldName = (path: string) => path.split('.').at(-1) ?? path;

/** The resend has its own mapping, shared with the login screen and staff (common/activation-resend). */
type Step = 'identity' | 'details' | 'code';

/** The refusals each step expects from its portal route (see expectedRefusals). */
const EXPECTED: Record<Step, ReadonlySet<string>> = {
  identity: expectedRefusals('checkIdentity', { input: true }),
  details: expectedRefusals('register', { input: true }),
  // already_active is no refusal: the flow moves on to `done` before it maps one.
  code: expectedRefusals('activateByCode', { except: ['already_active'] }),
};

/** Portal codes the screens know by another name; the rest keep the portal's. */
const RENAMED: Readonly<Record<string, RegistrationError>> = { invalid_code: 'code_wrong' };

/**
 * A portal refusal → the kiosk's code for it. Whatever is not the tenant's to fix (the portal
 * down, the kiosk's credential refused, an answer outside the contract) is `portal_unreachable`;
 * staff see the real cause in the logs.
 */
export function fromPortal(error: PortalCallError, step: Step): Failure<RegistrationError> {
  if (!EXPECTED[step].has(error.code)) return fail('portal_unreachable');
  const retry = error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {};
  switch (error.code) {
    case 'identity_not_found':
      return fail('identity_not_found', error.hint ? { hint: error.hint } : {});
    case 'weak_password':
      return invalidFields((error.rules ?? ['not_common']).map((r) => `password:${r}`));
    case 'invalid_input':
      return invalidFields((error.fields ?? []).map(fieldName));
    case 'too_many_attempts':
      return step === 'code' ? fail('code_locked') : fail('cooldown', retry);
    default:
      // already_registered, email_in_use, terms_outdated, code_expired
      return fail(RENAMED[error.code] ?? (error.code as RegistrationError), retry);
  }
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
