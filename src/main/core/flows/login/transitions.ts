import type { SignedInTenant } from '../../../../shared/kiosk-api/login';
import { loginStateSchema, SIGNED_OUT, waitAfter, type LoginState, type LoginStep } from './state';

export type LoginEvent =
  /** The portal refused the email + password (unknown address, wrong password, locked). */
  | { type: 'attempt_refused'; at: number }
  | { type: 'signed_in'; sessionToken: string; tenant: SignedInTenant; expiresAt: number }
  | { type: 'signed_out' };

/** Which step each event may leave from; anything else is refused as `wrong_step`. */
export const ALLOWED_FROM: { readonly [E in LoginEvent['type']]: readonly LoginStep[] } = {
  attempt_refused: ['signed-out'],
  // From signed-in too: a new login replaces the previous session (logged out first).
  signed_in: ['signed-out', 'signed-in'],
  signed_out: ['signed-out', 'signed-in'],
};

export type TransitionResult = { ok: true; state: LoginState } | { ok: false; code: 'wrong_step' | 'invalid_state' };

/** Where an event leads, or why it cannot happen now. Pure: the flow applies the result. */
export function transition(state: LoginState, event: LoginEvent): TransitionResult {
  if (!ALLOWED_FROM[event.type].includes(state.step)) return { ok: false, code: 'wrong_step' };
  let next: unknown;
  switch (event.type) {
    case 'attempt_refused': {
      const failures = (state.step === 'signed-out' ? state.failures : 0) + 1;
      const wait = waitAfter(failures);
      next = { step: 'signed-out', failures, retryAt: wait > 0 ? event.at + wait * 1000 : null };
      break;
    }
    case 'signed_in':
      next = { step: 'signed-in', sessionToken: event.sessionToken, tenant: event.tenant, expiresAt: event.expiresAt };
      break;
    case 'signed_out':
      // Whoever signs in next in this visit starts without the previous person's failures.
      next = SIGNED_OUT;
      break;
  }
  const parsed = loginStateSchema.safeParse(next);
  return parsed.success ? { ok: true, state: parsed.data } : { ok: false, code: 'invalid_state' };
}
