import { z } from 'zod';
import { signedInTenantSchema, type SignedInTenant } from '../../../../shared/kiosk-api/login';
import { defineMachine, type AllowedFrom } from '../common/machine';

/**
 * The states of the visit's login (see login.mermaid). `failures` counts the visit's refused
 * attempts, whatever the address typed, so the kiosk's own slow-down says nothing about accounts;
 * `retryAt` is when the next attempt may reach the portal (epoch ms), null when it may now.
 * Only `signed-in` holds the portal's session token; it never leaves the main process.
 */
export const loginStateSchema = z.discriminatedUnion('step', [
  z.strictObject({
    step: z.literal('signed-out'),
    failures: z.number().int().nonnegative(),
    retryAt: z.number().int().nonnegative().nullable(),
  }),
  z.strictObject({
    step: z.literal('signed-in'),
    sessionToken: z.string().min(1),
    tenant: signedInTenantSchema,
    /** The portal's absolute end of the session (epoch ms). */
    expiresAt: z.number().int().nonnegative(),
  }),
]);
export type LoginState = z.output<typeof loginStateSchema>;

export const SIGNED_OUT: LoginState = { step: 'signed-out', failures: 0, retryAt: null };

/**
 * The kiosk's slow-down: the first failures of a visit cost nothing (typos happen), then each one
 * doubles the wait before the next attempt, up to a minute. The portal's per-address lock-out and
 * per-kiosk limit stay the real protection; this only keeps one visitor from hammering them.
 */
export const SLOW_DOWN = { freeFailures: 2, firstWaitSeconds: 5, maxWaitSeconds: 60 } as const;

/** Seconds to wait after the `failures`-th refused attempt of the visit (0: none). */
export function waitAfter(failures: number): number {
  const over = failures - SLOW_DOWN.freeFailures;
  if (over <= 0) return 0;
  return Math.min(SLOW_DOWN.maxWaitSeconds, SLOW_DOWN.firstWaitSeconds * 2 ** Math.min(over - 1, 8));
}

export type LoginEvent =
  /** The portal refused the email + password (unknown address, wrong password, locked). */
  | { type: 'attempt_refused'; at: number }
  | { type: 'signed_in'; sessionToken: string; tenant: SignedInTenant; expiresAt: number }
  | { type: 'signed_out' };

const allowedFrom = {
  attempt_refused: ['signed-out'],
  // From signed-in too: a new login replaces the previous session (logged out first).
  signed_in: ['signed-out', 'signed-in'],
  signed_out: ['signed-out', 'signed-in'],
} as const satisfies AllowedFrom<LoginState, LoginEvent>;

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
