import { z } from 'zod';
import type { Language } from '../../../../shared/locale';
import { addressShape, counted, maskedEmailSchema } from '../common/address';
import { carried, defineMachine, type AllowedFrom } from '../common/machine';

/**
 * The states of one forgotten-password flow (see password-reset.mermaid). `code` holds the address
 * the tenant typed (needed to confirm the code with the portal), whether or not it has an account:
 * the kiosk never learns which. Nothing holds a password or a code. Every state a transition
 * produces is parsed with this schema before it replaces the current one.
 */
export const resetStateSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('request') }),
  // `queued`: the request waits in the outbox (the portal had not answered in time).
  z.strictObject({ step: z.literal('code'), ...addressShape, queued: z.boolean() }),
  z.strictObject({ step: z.literal('done'), maskedEmail: maskedEmailSchema }),
  // The new password waits in the outbox: the address stays (a refusal sends the tenant back to
  // the code) until the row named by `entryId` is answered or the visit ends.
  z.strictObject({ step: z.literal('done-queued'), ...addressShape, entryId: counted }),
]);
export type ResetState = z.output<typeof resetStateSchema>;

export type ResetEvent =
  | { type: 'reset_requested'; email: string; maskedEmail: string; language: Language; queued: boolean }
  | { type: 'password_changed' }
  | { type: 'password_queued'; entryId: number }
  | { type: 'queued_refused' };

const allowedFrom = {
  // From `code` too: the tenant went back to correct the address, or to ask for a new email.
  reset_requested: ['request', 'code'],
  // From done-queued: the saved new password was delivered while the tenant was still here.
  password_changed: ['code', 'done-queued'],
  password_queued: ['code'],
  queued_refused: ['done-queued'],
} as const satisfies AllowedFrom<ResetState, ResetEvent>;

function next(state: ResetState, event: ResetEvent): unknown {
  const { data, held } = carried(state, event);
  const address = { email: held.email, maskedEmail: held.maskedEmail, language: held.language };
  switch (event.type) {
    case 'reset_requested':
      return { step: 'code', ...data };
    case 'password_changed':
      // The address is dropped here: nothing left to do with it.
      return { step: 'done', maskedEmail: held.maskedEmail };
    case 'password_queued':
      return { step: 'done-queued', ...address, ...data };
    case 'queued_refused':
      return { step: 'code', ...address, queued: false };
  }
}

export const resetMachine = defineMachine({ schema: resetStateSchema, allowedFrom, next });
export const { transition, allowedFrom: ALLOWED_FROM } = resetMachine;
