import { z } from 'zod';
import { LANGUAGES } from '../../../../shared/locale';
import { emailSchema } from '../../../../shared/portal-api/common';

/**
 * The states of one forgotten-password flow (see password-reset.mermaid). `code` holds the address
 * the tenant typed (needed to confirm the code with the portal), whether or not it has an account:
 * the kiosk never learns which. Nothing holds a password or a code. Every state a transition
 * produces is parsed with this schema before it replaces the current one.
 */
export const resetStateSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('request') }),
  z.strictObject({
    step: z.literal('code'),
    email: emailSchema,
    maskedEmail: z.string().min(3),
    language: z.enum(LANGUAGES),
    /** The request waits in the outbox (the portal had not answered in time). */
    queued: z.boolean(),
  }),
  z.strictObject({ step: z.literal('done'), maskedEmail: z.string().min(3) }),
  // The new password waits in the outbox: the address stays (a refusal sends the tenant back to
  // the code) until the row named by `entryId` is answered or the visit ends.
  z.strictObject({
    step: z.literal('done-queued'),
    email: emailSchema,
    maskedEmail: z.string().min(3),
    language: z.enum(LANGUAGES),
    entryId: z.number().int().nonnegative(),
  }),
]);
export type ResetState = z.output<typeof resetStateSchema>;
export type ResetFlowStep = ResetState['step'];
