import type { Identity } from '../../../../shared/portal-api/common';
import type { Language } from '../../../../shared/locale';
import { defineMachine, type AllowedFrom } from '../common/machine';
import { registrationStateSchema, type RegistrationState } from './state';

export type RegistrationEvent =
  | { type: 'identity_confirmed'; identity: Identity }
  | { type: 'details_accepted'; email: string; maskedEmail: string; language: Language; resendAvailableAt: number }
  | { type: 'details_queued'; email: string; maskedEmail: string; language: Language; entryId: number }
  | { type: 'queued_delivered'; resendAvailableAt: number }
  | { type: 'queued_refused'; back: 'identity' | 'login-details' }
  | { type: 'activation_resent'; resendAvailableAt: number }
  | { type: 'activated'; queued?: boolean };

/** Which step each event may leave from; anything else is refused as `wrong_step`. */
const allowedFrom = {
  // From login-details too: the tenant went back to correct step 1.
  identity_confirmed: ['identity', 'login-details'],
  details_accepted: ['login-details'],
  details_queued: ['login-details'],
  queued_delivered: ['queued'],
  queued_refused: ['queued'],
  activation_resent: ['activation'],
  activated: ['activation'],
} as const satisfies AllowedFrom<RegistrationState, RegistrationEvent>;

/** The state an allowed event leads to (parsed by the machine before it is kept). */
function next(state: RegistrationState, event: RegistrationEvent): unknown {
  switch (event.type) {
    case 'identity_confirmed':
      return { step: 'login-details', identity: event.identity };
    case 'details_accepted':
      return {
        step: 'activation',
        email: event.email,
        maskedEmail: event.maskedEmail,
        language: event.language,
        resendAvailableAt: event.resendAvailableAt,
      };
    case 'details_queued':
      return state.step === 'login-details'
        ? {
            step: 'queued',
            identity: state.identity,
            email: event.email,
            maskedEmail: event.maskedEmail,
            language: event.language,
            entryId: event.entryId,
          }
        : null;
    case 'queued_delivered':
      return state.step === 'queued'
        ? {
            step: 'activation',
            email: state.email,
            maskedEmail: state.maskedEmail,
            language: state.language,
            resendAvailableAt: event.resendAvailableAt,
          }
        : null;
    case 'queued_refused':
      if (state.step !== 'queued') return null;
      return event.back === 'identity' ? { step: 'identity' } : { step: 'login-details', identity: state.identity };
    case 'activation_resent':
      return { ...state, resendAvailableAt: event.resendAvailableAt };
    case 'activated':
      return state.step === 'activation'
        ? { step: 'done', email: state.email, maskedEmail: state.maskedEmail, queued: event.queued ?? false }
        : null;
  }
}

export const registrationMachine = defineMachine({ schema: registrationStateSchema, allowedFrom, next });
export const { transition, allowedFrom: ALLOWED_FROM } = registrationMachine;
