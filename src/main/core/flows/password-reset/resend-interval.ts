import { z } from 'zod';
import type { DeliveryOutcome } from '../../outbox/types';

const answered = z.object({ resendAfterSeconds: z.number().int().positive() });

/**
 * When another reset email may be asked for, from the portal's answer (issue #12): its interval,
 * the same for every address. Null when the request waits in the outbox (the portal has not
 * counted it yet) or an older portal did not say: the screen then says what is true instead.
 */
export function resendAt(outcome: DeliveryOutcome, now: number): number | null {
  if (outcome.state !== 'delivered') return null;
  const parsed = answered.safeParse(outcome.value);
  return parsed.success ? now + parsed.data.resendAfterSeconds * 1000 : null;
}
