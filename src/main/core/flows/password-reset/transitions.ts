import type { Language } from '../../../../shared/locale';
import { defineMachine, type AllowedFrom } from '../common/machine';
import { resetStateSchema, type ResetState } from './state';

export type ResetEvent =
  | { type: 'reset_requested'; email: string; maskedEmail: string; language: Language; queued: boolean }
  | { type: 'password_changed' }
  | { type: 'password_queued'; entryId: number }
  | { type: 'queued_refused' };

/** Which step each event may leave from; anything else is refused as `wrong_step`. */
const allowedFrom = {
  // From `code` too: the tenant went back to correct the address, or to ask for a new email.
  reset_requested: ['request', 'code'],
  // From done-queued: the saved new password was delivered while the tenant was still here.
  password_changed: ['code', 'done-queued'],
  password_queued: ['code'],
  queued_refused: ['done-queued'],
} as const satisfies AllowedFrom<ResetState, ResetEvent>;

/** The state an allowed event leads to (parsed by the machine before it is kept). */
function next(state: ResetState, event: ResetEvent): unknown {
  switch (event.type) {
    case 'reset_requested':
      return {
        step: 'code',
        email: event.email,
        maskedEmail: event.maskedEmail,
        language: event.language,
        queued: event.queued,
      };
    case 'password_changed':
      // The address is dropped here: nothing left to do with it.
      return 'maskedEmail' in state ? { step: 'done', maskedEmail: state.maskedEmail } : null;
    case 'password_queued':
      return state.step === 'code'
        ? {
            step: 'done-queued',
            email: state.email,
            maskedEmail: state.maskedEmail,
            language: state.language,
            entryId: event.entryId,
          }
        : null;
    case 'queued_refused':
      return state.step === 'done-queued'
        ? {
            step: 'code',
            email: state.email,
            maskedEmail: state.maskedEmail,
            language: state.language,
            queued: false,
          }
        : null;
  }
}

export const resetMachine = defineMachine({ schema: resetStateSchema, allowedFrom, next });
export const { transition, allowedFrom: ALLOWED_FROM } = resetMachine;
