import type { KioskApi } from '../../../../shared/kiosk-api/calls';
import { emailSchema } from '../../../../shared/rules/email';
import { failedPasswordRules } from '../../../../shared/rules/password-policy';
import { refusalMap } from '../common/checks';

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

/** The portal names fields by their path in its body; the screens by their own name. */
const FIELD_NAMES: Record<string, string> = { email: 'email', code: 'code', newPassword: 'newPassword' };
// invalid_input: the kiosk checked the same rules first, so this is rare (a stricter portal).
const fields = (paths: string[]) =>
  [...new Set(paths.map((path) => FIELD_NAMES[path.split('.').at(-1) ?? ''] ?? 'email'))].map((f) =>
    f === 'email' ? 'email:invalid' : f,
  );

/**
 * A portal refusal → the kiosk's code for it, per call of the flow (see refusalMap). The portal answers an
 * address without an account exactly like a wrong code (`invalid_code`), and so does the kiosk.
 */
export const fromPortal = {
  requestReset: refusalMap<ResetError>({ route: 'requestReset', input: true, fields }),
  confirmReset: refusalMap<ResetError>({
    route: 'confirmResetByCode',
    input: true,
    fields,
    password: 'newPassword',
    renamed: { invalid_code: 'code_wrong', too_many_attempts: 'code_locked' },
  }),
};
