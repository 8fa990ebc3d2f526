import { z } from 'zod';
import type { Language } from '../../../../shared/locale';
import { emailSchema, identitySchema, type Identity } from '../../../../shared/portal-api/common';
import { addressShape, counted, maskedEmailSchema } from '../common/address';
import { carried, defineMachine, type AllowedFrom } from '../common/machine';

/**
 * The states of one registration (see registration.mermaid). Each state holds only what the next
 * step needs: the identity until the account is created (or queued step 2 is answered), the email
 * until the visit ends. Every state a transition produces is parsed with this schema before it
 * replaces the current one.
 */
export const registrationStateSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('identity') }),
  z.strictObject({ step: z.literal('login-details'), identity: identitySchema }),
  // Step 2 saved in the outbox, not yet answered: the identity stays (a refusal sends the tenant
  // back to correct it), and `entryId` names the row whose delivery moves the flow on.
  z.strictObject({ step: z.literal('queued'), identity: identitySchema, ...addressShape, entryId: counted }),
  z.strictObject({ step: z.literal('activation'), ...addressShape, resendAvailableAt: counted }),
  // `queued`: the code typed is saved in the outbox, not yet checked by the portal.
  z.strictObject({ step: z.literal('done'), email: emailSchema, maskedEmail: maskedEmailSchema, queued: z.boolean() }),
]);
export type RegistrationState = z.output<typeof registrationStateSchema>;

export type RegistrationEvent =
  | { type: 'identity_confirmed'; identity: Identity }
  | { type: 'details_accepted'; email: string; maskedEmail: string; language: Language; resendAvailableAt: number }
  | { type: 'details_queued'; email: string; maskedEmail: string; language: Language; entryId: number }
  | { type: 'queued_delivered'; resendAvailableAt: number }
  | { type: 'queued_refused'; back: 'identity' | 'login-details' }
  | { type: 'activation_resent'; resendAvailableAt: number }
  | { type: 'activated'; queued?: boolean };

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

function next(state: RegistrationState, event: RegistrationEvent): unknown {
  const { data, held } = carried(state, event);
  switch (event.type) {
    case 'identity_confirmed':
      return { step: 'login-details', ...data };
    case 'details_accepted':
      return { step: 'activation', ...data };
    case 'details_queued':
      return { step: 'queued', identity: held.identity, ...data };
    case 'queued_delivered':
      return { step: 'activation', email: held.email, maskedEmail: held.maskedEmail, language: held.language, ...data };
    case 'queued_refused':
      return event.back === 'identity' ? { step: 'identity' } : { step: 'login-details', identity: held.identity };
    case 'activation_resent':
      return { ...state, ...data };
    case 'activated':
      return { step: 'done', email: held.email, maskedEmail: held.maskedEmail, queued: event.queued ?? false };
  }
}

export const registrationMachine = defineMachine({ schema: registrationStateSchema, allowedFrom, next });
export const { transition, allowedFrom: ALLOWED_FROM } = registrationMachine;
