import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/main/core/config';

const load = (env: Record<string, string>) => loadConfig({ env, defaultDataDir: '/tmp/x' });

describe('registration settings of the kiosk configuration', () => {
  it('defaults: captcha on, no enrolment code, a flow dies after 20 minutes untouched', () => {
    const config = load({});
    expect(config.captcha).toBe(true);
    expect(config.enrolmentCode).toBeNull();
    expect(config.registration.expireAfterSeconds).toBe(1200);
  });

  it('reads KIOSK_CAPTCHA and KIOSK_ENROLMENT_CODE', () => {
    expect(load({ KIOSK_CAPTCHA: 'false' }).captcha).toBe(false);
    expect(load({ KIOSK_CAPTCHA: 'off' }).captcha).toBe(false);
    expect(load({ KIOSK_CAPTCHA: '1' }).captcha).toBe(true);
    expect(load({ KIOSK_ENROLMENT_CODE: 'ABCD-1234-EFGH' }).enrolmentCode).toBe('ABCD-1234-EFGH');
  });

  it('names the key of a bad value', () => {
    expect(() => load({ KIOSK_CAPTCHA: 'maybe' })).toThrow(ConfigError);
    expect(() => load({ KIOSK_CAPTCHA: 'maybe' })).toThrow(/"captcha"/);
    expect(() => load({ KIOSK_ENROLMENT_CODE: 'short' })).toThrow(/"enrolmentCode"/);
    expect(() =>
      loadConfig({ env: {}, overrides: { registration: { expireAfterSeconds: 5 } }, defaultDataDir: '/tmp/x' }),
    ).toThrow(/registration\.expireAfterSeconds/);
  });
});
