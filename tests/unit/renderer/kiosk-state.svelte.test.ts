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

describe('KioskState.refreshStatus', () => {
  type Link = { link: 'online' | 'offline' | 'not_configured'; checkedAt: string | null };
  /** A kiosk whose getLinkStatus answers what `answer` holds at the time of the call. */
  const kioskSeeing = (answer: () => Link) =>
    new KioskState(client({ getLinkStatus: () => ({ ok: true, value: answer() }) as CallResult<'getLinkStatus'> }));

  // Seen at every start: « Hors ligne » for the two seconds before the core's first look at the portal.
  it('says « Vérification… » until the core has looked at the portal, then what it found', async () => {
    let answer: Link = { link: 'offline', checkedAt: null };
    const kiosk = kioskSeeing(() => answer);
    await kiosk.refreshStatus();
    expect(kiosk.portal).toBe('unknown');
    answer = { link: 'offline', checkedAt: '2026-12-01T06:00:00.000Z' };
    await kiosk.refreshStatus();
    expect(kiosk.portal).toBe('offline');
    answer = { link: 'online', checkedAt: '2026-12-01T06:00:01.000Z' };
    await kiosk.refreshStatus();
    expect(kiosk.portal).toBe('online');
  });

  it('says « Hors ligne » without a portal, and when the core does not answer', async () => {
    const unconfigured = kioskSeeing(() => ({ link: 'not_configured', checkedAt: null }));
    await unconfigured.refreshStatus();
    expect(unconfigured.portal).toBe('offline');
    const silent = new KioskState(client({}));
    await silent.refreshStatus();
    expect(silent.portal).toBe('offline');
  });
});
