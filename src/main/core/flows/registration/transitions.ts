import type { Identity } from '../../../../shared/portal-api/common';
import type { Language } from '../../../../shared/locale';
import { registrationStateSchema, type FlowStep, type RegistrationState } from './state';

export type RegistrationEvent =
  | { type: 'identity_confirmed'; identity: Identity }
  | { type: 'details_accepted'; email: string; maskedEmail: string; language: Language; resendAvailableAt: number }
  | { type: 'activation_resent'; resendAvailableAt: number }
  | { type: 'activated' };

/** Which step each event may leave from; anything else is refused as `wrong_step`. */
export const ALLOWED_FROM: { readonly [E in RegistrationEvent['type']]: readonly FlowStep[] } = {
  // From login-details too: the tenant went back to correct step 1.
  identity_confirmed: ['identity', 'login-details'],
  details_accepted: ['login-details'],
  activation_resent: ['activation'],
  activated: ['activation'],
};

export type TransitionResult =
  { ok: true; state: RegistrationState } | { ok: false; code: 'wrong_step' | 'invalid_state' };

/** Where an event leads, or why it cannot happen now. Pure: the flow applies the result. */
export function transition(state: RegistrationState, event: RegistrationEvent): TransitionResult {
  if (!ALLOWED_FROM[event.type].includes(state.step)) return { ok: false, code: 'wrong_step' };
  let next: unknown;
  switch (event.type) {
    case 'identity_confirmed':
      next = { step: 'login-details', identity: event.identity };
      break;
    case 'details_accepted':
      next = {
        step: 'activation',
        email: event.email,
        maskedEmail: event.maskedEmail,
        language: event.language,
        resendAvailableAt: event.resendAvailableAt,
      };
      break;
    case 'activation_resent':
      next = { ...state, resendAvailableAt: event.resendAvailableAt };
      break;
    case 'activated':
      next = state.step === 'activation' ? { step: 'done', email: state.email, maskedEmail: state.maskedEmail } : null;
      break;
  }
  const parsed = registrationStateSchema.safeParse(next);
  return parsed.success ? { ok: true, state: parsed.data } : { ok: false, code: 'invalid_state' };
}
