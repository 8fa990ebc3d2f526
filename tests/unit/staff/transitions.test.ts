import { describe, expect, it } from 'vitest';
import { LOCKED, transition, type StaffState } from '../../../src/main/core/flows/staff/state';
import { StaffSession } from '../../../src/main/core/flows/staff/session';

const open: StaffState = { step: 'open', lastActiveAt: 1_000 };

describe('staff session machine', () => {
  it('opens on the right PIN, stays open on each call, locks on end', () => {
    expect(transition(LOCKED, { type: 'unlocked', at: 5 })).toEqual({
      ok: true,
      state: { step: 'open', lastActiveAt: 5 },
    });
    expect(transition(open, { type: 'touched', at: 2_000 })).toEqual({
      ok: true,
      state: { step: 'open', lastActiveAt: 2_000 },
    });
    expect(transition(open, { type: 'ended' })).toEqual({ ok: true, state: LOCKED });
    expect(transition(LOCKED, { type: 'ended' })).toEqual({ ok: true, state: LOCKED });
  });

  it('refuses a touch without a session, and a state its schema refuses', () => {
    expect(transition(LOCKED, { type: 'touched', at: 5 })).toEqual({ ok: false, code: 'wrong_step' });
    expect(transition(LOCKED, { type: 'unlocked', at: -1 })).toEqual({ ok: false, code: 'invalid_state' });
  });

  it('ends on its own after the idle time, once', () => {
    let now = 0;
    const session = new StaffSession(1_000, () => new Date(now));
    const expired: number[] = [];
    session.begin();
    now = 900;
    expect(session.touch(() => expired.push(now))).toBe(true);
    now = 1_800;
    expect(session.touch(() => expired.push(now))).toBe(true);
    now = 2_801;
    expect(session.touch(() => expired.push(now))).toBe(false);
    expect(session.touch(() => expired.push(now))).toBe(false);
    expect(expired).toEqual([2_801]);
    expect(session.open).toBe(false);
    expect(session.end()).toBe(false);
  });
});
