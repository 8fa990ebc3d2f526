import { z } from 'zod';
import { signedInTenantSchema } from '../../../../shared/kiosk-api/login';

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
export type LoginStep = LoginState['step'];

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
