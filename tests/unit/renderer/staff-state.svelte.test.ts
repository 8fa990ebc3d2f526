import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../../src/shared/kiosk-api/types';
import { StaffState } from '../../../src/renderer/src/lib/staff/staff-state.svelte';
import { client, type Answers } from './kiosk-client';

const entry = (): CallResult<'staffEntry'> => ({
  ok: true,
  value: { pin: 'configured', lockedForSeconds: 0, demoPin: null },
});
const hooks = { onsettings: () => {}, onleave: () => {}, onassisted: () => {} };

describe('StaffState, the view derived from the core’s session', () => {
  it('loading until the core answers, the PIN while locked, the panel once open, the PIN again when the core ends it', async () => {
    let open = false;
    const answers: Answers = {
      staffEntry: entry,
      staffUnlock: () => {
        open = true;
        return { ok: true, value: { unlocked: true } };
      },
      staffSyncNow: () => ({ ok: false, error: { code: 'staff_locked' } }),
      staffStatus: () =>
        open ? { ok: false, error: { code: 'unavailable' } } : { ok: false, error: { code: 'staff_locked' } },
    };
    const state = new StaffState(client(answers), hooks);
    expect(state.view).toBe('loading');
    await state.resume();
    expect([state.session, state.view]).toEqual(['locked', 'pin']);
    state.pin = '246810';
    await state.unlock();
    expect([state.session, state.view]).toEqual(['open', 'panel']);
    // The screen shown again (after a help page): the panel stays.
    await state.resume();
    expect(state.view).toBe('panel');
    // The core's session ended (its idle time): the next staff call says so, the PIN returns.
    open = false;
    await state.refresh();
    expect([state.session, state.view]).toEqual(['locked', 'pin']);
    expect(state.pinError).toEqual({ key: 'staff.error.locked' });
    state.reset();
    expect(state.view).toBe('loading');
  });

  it('no entry to go by: the PIN screen, saying why', async () => {
    const state = new StaffState(client({}), hooks);
    await state.resume();
    expect(state.view).toBe('pin');
    expect(state.pinError).not.toBeNull();
  });
});
