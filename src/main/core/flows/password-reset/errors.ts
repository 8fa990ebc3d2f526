import type { KioskApi } from '../../../../shared/kiosk-api/calls';
import { fail, type Failure } from '../../../../shared/result';
import { emailSchema } from '../../../../shared/rules/email';
import { failedPasswordRules } from '../../../../shared/rules/password-policy';
import type { PortalCallError } from '../../portal-client/client';
import { invalidFields } from '../common/checks';
import { expectedRefusals } from '../common/refusals';

/** Every refusal a reset call may answer, as the contract lists them. */
export type ResetError = KioskApi['requestReset']['errors'][number] | KioskApi['confirmReset']['errors'][number];

/** `invalid_fields` entries: "<field>:<reason>", reasons as in RESET_FIELD_REASONS of the contract. */
export function requestProblems(input: { email: string }): string[] {
  return emailSchema.safeParse(input.email).success ? [] : ['email:invalid'];
}

export function confirmProblems(input: { newPassword: string; newPasswordConfirmation: string }): string[] {
  const problems = failedPasswordRules(input.newPassword).map((rule) => `newPassword:${rule}`);
  if (input.newPassword !== input.newPasswordConfirmation) problems.push('newPasswordConfirmation:mismatch');
  return problems;
}

type Step = 'request' | 'confirm';

/** The refusals each step expects from its portal route; any other is not the tenant's to fix. */
const EXPECTED: Record<Step, ReadonlySet<string>> = {
  request: expectedRefusals('requestReset', { input: true }),
  confirm: expectedRefusals('confirmResetByCode', { input: true }),
};

/** Portal codes the screens know by another name (code_expired keeps the portal's). */
const RENAMED: Readonly<Record<string, ResetError>> = { invalid_code: 'code_wrong', too_many_attempts: 'code_locked' };

/** The portal names fields by their path in its body; the screens by their own name. */
const FIELD_NAMES: Record<string, string> = { email: 'email', code: 'code', newPassword: 'newPassword' };

/**
 * A portal refusal → the kiosk's code for it. Whatever is not the tenant's to fix (the portal
 * down, the kiosk's credential refused, an answer outside the contract) is `portal_unreachable`;
 * staff see the real cause in the logs. The portal answers an address without an account exactly
 * like a wrong code (`invalid_code`), and so does the kiosk.
 */
export function fromPortal(error: PortalCallError, step: Step): Failure<ResetError> {
  if (!EXPECTED[step].has(error.code)) return fail('portal_unreachable');
  switch (error.code) {
    case 'invalid_code':
    case 'code_expired':
    case 'too_many_attempts':
      return fail(RENAMED[error.code] ?? (error.code as ResetError));
    case 'weak_password':
      return invalidFields((error.rules ?? ['not_common']).map((rule) => `newPassword:${rule}`));
    default: {
      // invalid_input: the kiosk checked the same rules first, so this is rare (a stricter portal).
      const fields = (error.fields ?? []).map((path) => FIELD_NAMES[path.split('.').at(-1) ?? ''] ?? 'email');
      return invalidFields([...new Set(fields)].map((f) => (f === 'email' ? 'email:invalid' : f)));
    }
  }
}
