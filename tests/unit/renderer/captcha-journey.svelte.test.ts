import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../../src/shared/kiosk-api/types';
import { CaptchaJourney } from '../../../src/renderer/src/lib/journey/captcha-journey.svelte';
import { client } from './kiosk-client';

const drawn: CallResult<'newCaptcha'> = {
  ok: true,
  value: {
    required: true,
    captchaId: 'c1',
    image: 'data:image/svg+xml,x',
    width: 200,
    height: 80,
    expiresInSeconds: 300,
  },
};

/** The smallest journey of the kind: one step that wants the captcha while `wanted` says so. */
class Journey extends CaptchaJourney<'none' | 'form'> {
  wanted = true;
  notices: string[] = [];
  override async newCaptcha(): Promise<void> {
    await this.drawCaptcha('password-reset', () => this.wanted);
  }
  protected override flowNotice(code: string): void {
    this.notices.push(code);
  }
  shownOf(typed: string): string {
    return this.shown(typed);
  }
}

describe('CaptchaJourney', () => {
  it('keeps the captcha drawn while the step still wants it, or drops it when the screen moved on', async () => {
    let release = (_: CallResult<'newCaptcha'>) => {};
    const journey = new Journey(client({ newCaptcha: () => new Promise((r) => (release = r)) }), () => 'fr');
    const late = journey.newCaptcha();
    journey.wanted = false;
    release(drawn);
    await late;
    expect(journey.captcha).toBeNull();

    journey.wanted = true;
    const kept = journey.newCaptcha();
    release(drawn);
    await kept;
    expect(journey.captcha).toEqual({ id: 'c1', image: 'data:image/svg+xml,x', width: 200, height: 80 });
    expect(journey.captchaRequired).toBe(true);
  });

  it('says a refused draw above the form, and a kiosk without captcha draws none', async () => {
    const down = new Journey(client({}), () => 'fr');
    await down.newCaptcha();
    expect(down.notices).toEqual(['unavailable']);

    const off = new Journey(client({ newCaptcha: () => ({ ok: true, value: { required: false } }) }), () => 'fr');
    await off.newCaptcha();
    expect([off.captcha, off.captchaRequired]).toEqual([null, false]);
  });

  it('shows the address as typed, the masked one once the form is empty; the end of the visit forgets both', async () => {
    const journey = new Journey(client({ newCaptcha: () => drawn }), () => 'fr');
    await journey.newCaptcha();
    journey.maskedEmail = 'c•••@e•••.fr';
    journey.step = 'form';
    journey.correcting = true;
    expect(journey.shownOf('  claire@exemple.fr ')).toBe('claire@exemple.fr');
    expect(journey.shownOf('')).toBe('c•••@e•••.fr');

    journey.endVisit();
    expect([journey.step, journey.correcting, journey.captcha, journey.maskedEmail]).toEqual([
      'none',
      false,
      null,
      null,
    ]);
    expect(journey.shownOf('')).toBe('');
  });
});
