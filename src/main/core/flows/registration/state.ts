import { z } from 'zod';
import { LANGUAGES } from '../../../../shared/locale';
import { emailSchema, identitySchema } from '../../../../shared/portal-api/common';

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
export type FlowStep = RegistrationState['step'];
