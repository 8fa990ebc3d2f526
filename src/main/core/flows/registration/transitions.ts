import type { Identity } from '../../../../shared/portal-api/common';
import type { Language } from '../../../../shared/locale';
import { registrationStateSchema, type FlowStep, type RegistrationState } from './state';

export type RegistrationEvent =
  | { type: 'identity_confirmed'; identity: Identity }
  | { type: 'details_accepted'; email: string; maskedEmail: string; language: Language; resendAvailableAt: number }
  | { type: 'details_queued'; email: string; maskedEmail: string; language: Language; entryId: number }
  | { type: 'queued_delivered'; resendAvailableAt: number }
  | { type: 'queued_refused'; back: 'identity' | 'login-details' }
  | { type: 'activation_resent'; resendAvailableAt: number }
  | { type: 'activated'; queued?: boolean };

/** Which step each event may leave from; anything else is refused as `wrong_step`. */
export const ALLOWED_FROM: { readonly [E in RegistrationEvent['type']]: readonly FlowStep[] } = {
  // From login-details too: the tenant went back to correct step 1.
  identity_confirmed: ['identity', 'login-details'],
  details_accepted: ['login-details'],
  details_queued: ['login-details'],
  queued_delivered: ['queued'],
  queued_refused: ['queued'],
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
    case 'details_queued':
      next =
        state.step === 'login-details'
          ? {
              step: 'queued',
              identity: state.identity,
              email: event.email,
              maskedEmail: event.maskedEmail,
              language: event.language,
              entryId: event.entryId,
            }
          : null;
      break;
    case 'queued_delivered':
      next =
        state.step === 'queued'
          ? {
              step: 'activation',
              email: state.email,
              maskedEmail: state.maskedEmail,
              language: state.language,
              resendAvailableAt: event.resendAvailableAt,
            }
          : null;
      break;
    case 'queued_refused':
      if (state.step !== 'queued') next = null;
      else
        next = event.back === 'identity' ? { step: 'identity' } : { step: 'login-details', identity: state.identity };
      break;
    case 'activation_resent':
      next = { ...state, resendAvailableAt: event.resendAvailableAt };
      break;
    case 'activated':
      next =
        state.step === 'activation'
          ? { step: 'done', email: state.email, maskedEmail: state.maskedEmail, queued: event.queued ?? false }
          : null;
      break;
  }
  const parsed = registrationStateSchema.safeParse(next);
  return parsed.success ? { ok: true, state: parsed.data } : { ok: false, code: 'invalid_state' };
}
