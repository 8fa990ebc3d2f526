import type { QueuedRefusal, RegistrationStep } from '../../../../shared/kiosk-api/registration';
import type { CallOutput, CallResult } from '../../../../shared/kiosk-api/types';

/*
 * Where registration stands on screen, and where its refusals are said: the pieces of
 * registration-state.svelte.ts the screens read too.
 */

/** `queued`: step 2 is saved in the kiosk and waits for the service. */
export type RegistrationView = 'identity' | 'login-details' | 'queued' | 'activation' | 'done';

/** What the screen shows at the core's step: step 1 until there is a flow, or while the tenant corrects it. */
export const registrationView = (step: RegistrationStep, correcting: boolean): RegistrationView =>
  step === 'none' || (step === 'login-details' && correcting) ? 'identity' : step;
/** What step 1 said when it could not go on: shown above the form, which keeps what was typed. */
export type IdentityOutcome = { kind: 'not-found'; swapped: boolean } | { kind: 'already-registered' } | null;
export type Terms = CallOutput<'getTerms'>;
export type Failure = Extract<
  CallResult<'submitIdentity' | 'submitLoginDetails' | 'activateByCode'>,
  { ok: false }
>['error'];

/** A queued registration refused while the tenant is here, as the refusal step 2 would have had online. */
export const AS_ONLINE: Record<Exclude<QueuedRefusal, 'not_delivered'>, Failure> = {
  identity_not_found: { code: 'identity_not_found' },
  already_registered: { code: 'already_registered' },
  email_in_use: { code: 'email_in_use' },
  terms_outdated: { code: 'terms_outdated' },
  weak_password: { code: 'invalid_fields', fields: ['password:not_common'] },
  cooldown: { code: 'cooldown' },
};

/** While on the activation or queued screen, how often to ask whether it moved on. */
export const POLL_EVERY_TICKS = 3;

/** Refusals worded next to the form (step 1's block, a field), never again above it. */
export const NEXT_TO_FORM: ReadonlySet<string> = new Set<Failure['code']>([
  'identity_not_found',
  'already_registered',
  'email_in_use',
  'terms_outdated',
]);
