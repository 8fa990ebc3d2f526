import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../../src/shared/kiosk-api/types';
import { KioskState } from '../../../src/renderer/src/lib/state/kiosk-state.svelte';
import { client } from './kiosk-client';

const info = (defaultLanguage: 'fr' | 'en'): CallResult<'getInfo'> => ({
  ok: true,
  value: {
    version: '0.0.0-test',
    kioskId: 'k_test',
    defaultLanguage,
    languages: ['fr', 'en', 'ar'],
    idle: { warnAfterSeconds: 90, countdownSeconds: 20 },
  },
});

/** A `getInfo` answered when the test says so. */
function heldInfo() {
  let answer = info('fr');
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  return {
    set: (next: CallResult<'getInfo'>) => (answer = next),
    hold: () => (holding = true),
    release,
    getInfo: async () => {
      if (holding) await held;
      return answer;
    },
  };
}

describe('KioskState.leaveStaff (the info re-read)', () => {
  it('shows the attract screen at once, then speaks the default language staff just chose', async () => {
    const getInfo = heldInfo();
    const kiosk = new KioskState(
      client({ getInfo: getInfo.getInfo, endVisit: () => ({ ok: true, value: { wiped: true } }) }),
    );
    await kiosk.refreshInfo();
    kiosk.screen = 'staff';
    await kiosk.setLanguage('ar');
    getInfo.set(info('en'));
    getInfo.hold();
    const finished = kiosk.leaveStaff();
    // No PIN screen (nor staff panel) left on screen while the info is on its way.
    expect(kiosk.screen).toBe('attract');
    getInfo.release();
    await finished;
    expect(kiosk.i18n.language).toBe('en');
  });

  it('leaves alone a language the next tenant tapped while the info was on its way', async () => {
    const getInfo = heldInfo();
    const kiosk = new KioskState(
      client({ getInfo: getInfo.getInfo, endVisit: () => ({ ok: true, value: { wiped: true } }) }),
    );
    await kiosk.refreshInfo();
    kiosk.screen = 'staff';
    getInfo.hold();
    const finished = kiosk.leaveStaff();
    await kiosk.setLanguage('ar');
    getInfo.release();
    await finished;
    expect(kiosk.i18n.language).toBe('ar');
  });

  it('still goes back to the default language when the info cannot be read', async () => {
    const getInfo = heldInfo();
    const kiosk = new KioskState(
      client({ getInfo: getInfo.getInfo, endVisit: () => ({ ok: true, value: { wiped: true } }) }),
    );
    await kiosk.refreshInfo();
    await kiosk.setLanguage('ar');
    getInfo.set({ ok: false, error: { code: 'unavailable' } });
    await kiosk.leaveStaff();
    expect(kiosk.i18n.language).toBe('fr');
  });
});
