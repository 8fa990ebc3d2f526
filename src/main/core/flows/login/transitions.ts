import type { SignedInTenant } from '../../../../shared/kiosk-api/login';
import { defineMachine, type AllowedFrom } from '../common/machine';
import { loginStateSchema, SIGNED_OUT, waitAfter, type LoginState } from './state';

export type LoginEvent =
  /** The portal refused the email + password (unknown address, wrong password, locked). */
  | { type: 'attempt_refused'; at: number }
  | { type: 'signed_in'; sessionToken: string; tenant: SignedInTenant; expiresAt: number }
  | { type: 'signed_out' };

/** Which step each event may leave from; anything else is refused as `wrong_step`. */
const allowedFrom = {
  attempt_refused: ['signed-out'],
  // From signed-in too: a new login replaces the previous session (logged out first).
  signed_in: ['signed-out', 'signed-in'],
  signed_out: ['signed-out', 'signed-in'],
} as const satisfies AllowedFrom<LoginState, LoginEvent>;

/** The state an allowed event leads to (parsed by the machine before it is kept). */
function next(state: LoginState, event: LoginEvent): unknown {
  switch (event.type) {
    case 'attempt_refused': {
      const failures = (state.step === 'signed-out' ? state.failures : 0) + 1;
      const wait = waitAfter(failures);
      return { step: 'signed-out', failures, retryAt: wait > 0 ? event.at + wait * 1000 : null };
    }
    case 'signed_in':
      return { step: 'signed-in', sessionToken: event.sessionToken, tenant: event.tenant, expiresAt: event.expiresAt };
    case 'signed_out':
      // Whoever signs in next in this visit starts without the previous person's failures.
      return SIGNED_OUT;
  }
}

export const loginMachine = defineMachine({ schema: loginStateSchema, allowedFrom, next });
export const { transition, allowedFrom: ALLOWED_FROM } = loginMachine;
