import { z } from 'zod';
import { LANGUAGES, type Language } from '../../../../shared/locale';
import { emailSchema, identitySchema, type Identity } from '../../../../shared/portal-api/common';
import { defineMachine, type AllowedFrom } from '../common/machine';

/**
 * The states of one registration (see registration.mermaid). Each state holds only what the next
 * step needs: the identity until the account is created (or queued step 2 is answered), the email until the visit ends. Every
 * state a transition produces is parsed with this schema before it replaces the current one.
 */
export const registrationStateSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('identity') }),
  z.strictObject({ step: z.literal('login-details'), identity: identitySchema }),
  // Step 2 saved in the outbox, not yet answered: the identity stays (a refusal sends the tenant
  // back to correct it), and `entryId` names the row whose delivery moves the flow on.
  z.strictObject({
    step: z.literal('queued'),
    identity: identitySchema,
    email: emailSchema,
    maskedEmail: z.string().min(3),
    language: z.enum(LANGUAGES),
    entryId: z.number().int().nonnegative(),
  }),
  z.strictObject({
    step: z.literal('activation'),
    email: emailSchema,
    maskedEmail: z.string().min(3),
    language: z.enum(LANGUAGES),
    resendAvailableAt: z.number().int().nonnegative(),
  }),
  // `queued`: the code typed is saved in the outbox, not yet checked by the portal.
  z.strictObject({
    step: z.literal('done'),
    email: emailSchema,
    maskedEmail: z.string().min(3),
    queued: z.boolean(),
  }),
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
