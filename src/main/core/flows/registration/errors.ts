import type { QueuedRefusal } from '../../../../shared/kiosk-api/registration';
import type { CallError } from '../../../../shared/kiosk-api/types';
import { checkDateOfBirth, isoToday } from '../../../../shared/rules/date-of-birth';
import { emailKey, emailSchema } from '../../../../shared/rules/email';
import { failedPasswordRules } from '../../../../shared/rules/password-policy';
import { refusalMap } from '../common/checks';

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

const form = { input: true, retry: true, password: 'password', renamed: { too_many_attempts: 'cooldown' } } as const;
/** The portal names fields by their path in its body ("identity.dateOfBirth"); the screens by their own name. */
const fields = (paths: string[]) => paths.map((path) => path.split('.').at(-1) ?? path);
/** The resend has its own mapping, shared with the login screen and staff (common/resend). */
/** A portal refusal → the kiosk's code for it, per call of the flow (see refusalMap). */
export const fromPortal = {
  submitIdentity: refusalMap<RegistrationError>({ route: 'checkIdentity', ...form, fields }),
  submitLoginDetails: refusalMap<RegistrationError>({ route: 'register', ...form, fields }),
  // already_active is no refusal: the flow moves on to `done` before it maps one.
  activateByCode: refusalMap<RegistrationError>({
    route: 'activateByCode',
    except: ['already_active'],
    renamed: { invalid_code: 'code_wrong', too_many_attempts: 'code_locked' },
  }),
};

/** Where a queued registration's refusal sends the tenant back to (see queuedRefusal). */
const QUEUED_BACK: Partial<Record<RegistrationError, 'identity' | 'login-details'>> = {
  identity_not_found: 'identity',
  already_registered: 'identity',
  email_in_use: 'login-details',
  terms_outdated: 'login-details',
  cooldown: 'login-details',
  // The portal refused the password (its list of common passwords may be longer than ours).
  invalid_fields: 'login-details',
};

/**
 * A queued registration refused on delivery, as the kiosk's refusal code (already mapped by the
 * flow's `fromPortal`) → what the screen says and the step that can fix it. A refusal that is not
 * the tenant's to fix stays on the queued screen, which then says to ask the front desk.
 */
export function queuedRefusal(code: RegistrationError): {
  code: QueuedRefusal;
  back: 'identity' | 'login-details' | null;
} {
  const back = QUEUED_BACK[code];
  if (!back) return { code: 'not_delivered', back: null };
  return { code: code === 'invalid_fields' ? 'weak_password' : (code as QueuedRefusal), back };
}
