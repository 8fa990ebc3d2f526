import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopbackUrl, loadConfig } from '../../../src/main/core/config';

const load = (env: Record<string, string>, overrides: Record<string, unknown> = {}) =>
  loadConfig({ env, overrides, defaultDataDir: '/tmp/kiosk' });

describe('plain http to the portal', () => {
  it('is refused to another machine, naming the key, unless allowInsecurePortal is set', () => {
    for (const url of ['http://portail.bailleur.example', 'http://10.0.0.5:5190', 'http://[fe80::1]/']) {
      expect(() => load({ KIOSK_PORTAL_URL: url })).toThrow(ConfigError);
      expect(() => load({ KIOSK_PORTAL_URL: url })).toThrow(/"portalUrl": plain http only to this machine/);
      expect(load({ KIOSK_PORTAL_URL: url, KIOSK_ALLOW_INSECURE_PORTAL: 'true' }).portalUrl).toBe(url);
    }
    expect(() => load({ KIOSK_UPDATES_URL: 'http://mises-a-jour.example/borne/' })).toThrow(/"updates.url"/);
  });

  it('is accepted on loopback, and https anywhere', () => {
    for (const url of [
      'http://127.0.0.1:5190',
      'http://localhost:5190',
      'http://[::1]:5190',
      'https://portail.example',
    ])
      expect(load({ KIOSK_PORTAL_URL: url }).portalUrl).toBe(url);
    expect(load({ KIOSK_UPDATES_URL: 'https://portail.example/updates/' }).updates).toEqual({
      url: 'https://portail.example/updates/',
      checkEveryMinutes: 240,
      installWindow: { fromHour: 2, toHour: 5 },
    });
    expect(isLoopbackUrl('http://127.0.0.1.evil.example/')).toBe(false);
    expect(isLoopbackUrl('http://localhost.evil.example/')).toBe(false);
  });
});
