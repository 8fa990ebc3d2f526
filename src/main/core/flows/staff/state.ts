import { z } from 'zod';
import { defineMachine, type AllowedFrom } from '../common/machine';

/**
 * The states of the staff session (see staff.mermaid): in the kiosk core only, one at a time.
 * `lastActiveAt` (epoch ms) is the last staff call, from which the session's idle end is counted.
 * The PIN's lock-out is not a state here: it outlives restarts, in the database (staff/pin-guard.ts).
 */
export const staffStateSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('locked') }),
  z.strictObject({ step: z.literal('open'), lastActiveAt: z.number().int().nonnegative() }),
]);
export type StaffState = z.output<typeof staffStateSchema>;

export const LOCKED: StaffState = { step: 'locked' };

export type StaffEvent = { type: 'unlocked'; at: number } | { type: 'touched'; at: number } | { type: 'ended' };

const allowedFrom = {
  // From open too: the right PIN typed again starts the session afresh.
  unlocked: ['locked', 'open'],
  touched: ['open'],
  // From locked too: ending a session that is not there changes nothing (the visit's wipe ends it anyway).
  ended: ['locked', 'open'],
} as const satisfies AllowedFrom<StaffState, StaffEvent>;

function next(_state: StaffState, event: StaffEvent): unknown {
  switch (event.type) {
    case 'unlocked':
    case 'touched':
      return { step: 'open', lastActiveAt: event.at };
    case 'ended':
      return LOCKED;
  }
}

export const staffMachine = defineMachine({ schema: staffStateSchema, allowedFrom, next });
export const { transition, allowedFrom: ALLOWED_FROM } = staffMachine;
