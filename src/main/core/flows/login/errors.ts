import type { KioskApi } from '../../../../shared/kiosk-api/calls';
import { emailSchema } from '../../../../shared/rules/email';
import { refusalMap } from '../common/checks';

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

/**
 * A portal refusal → the kiosk's code for it (see refusalMap). The portal already answers unknown
 * address and wrong password alike; nothing here may tell them apart either.
 */
export const fromPortal = refusalMap<LoginError>({ route: 'login', retry: true });

/** Refusals that count towards the kiosk's slow-down: the email + password were not accepted. */
export const countsAsFailure = (code: LoginError): boolean =>
  code === 'invalid_credentials' || code === 'account_locked';
