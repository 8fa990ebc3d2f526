import type { Language } from '../../../../shared/locale';
import { resetStateSchema, type ResetFlowStep, type ResetState } from './state';

export type ResetEvent =
  | { type: 'reset_requested'; email: string; maskedEmail: string; language: Language; queued: boolean }
  | { type: 'password_changed' }
  | { type: 'password_queued'; entryId: number }
  | { type: 'queued_refused' };

/** Which step each event may leave from; anything else is refused as `wrong_step`. */
export const ALLOWED_FROM: { readonly [E in ResetEvent['type']]: readonly ResetFlowStep[] } = {
  // From `code` too: the tenant went back to correct the address, or to ask for a new email.
  reset_requested: ['request', 'code'],
  // From done-queued: the saved new password was delivered while the tenant was still here.
  password_changed: ['code', 'done-queued'],
  password_queued: ['code'],
  queued_refused: ['done-queued'],
};

export type TransitionResult = { ok: true; state: ResetState } | { ok: false; code: 'wrong_step' | 'invalid_state' };

/** Where an event leads, or why it cannot happen now. Pure: the flow applies the result. */
export function transition(state: ResetState, event: ResetEvent): TransitionResult {
  if (!ALLOWED_FROM[event.type].includes(state.step)) return { ok: false, code: 'wrong_step' };
  let next: unknown;
  switch (event.type) {
    case 'reset_requested':
      next = {
        step: 'code',
        email: event.email,
        maskedEmail: event.maskedEmail,
        language: event.language,
        queued: event.queued,
      };
      break;
    case 'password_changed':
      // The address is dropped here: nothing left to do with it.
      next = 'maskedEmail' in state ? { step: 'done', maskedEmail: state.maskedEmail } : null;
      break;
    case 'password_queued':
      next =
        state.step === 'code'
          ? {
              step: 'done-queued',
              email: state.email,
              maskedEmail: state.maskedEmail,
              language: state.language,
              entryId: event.entryId,
            }
          : null;
      break;
    case 'queued_refused':
      next =
        state.step === 'done-queued'
          ? {
              step: 'code',
              email: state.email,
              maskedEmail: state.maskedEmail,
              language: state.language,
              queued: false,
            }
          : null;
      break;
  }
  const parsed = resetStateSchema.safeParse(next);
  return parsed.success ? { ok: true, state: parsed.data } : { ok: false, code: 'invalid_state' };
}
