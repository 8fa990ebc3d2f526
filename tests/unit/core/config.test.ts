import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/main/core/config';
import { tempDir } from '../helpers/kiosk';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};

describe('kiosk configuration', () => {
  it('has working defaults: demo kiosk, French, no portal', () => {
    const config = loadConfig({ env: {}, defaultDataDir: '/tmp/x' });
    expect(config).toMatchObject({
      dataDir: '/tmp/x',
      portalUrl: null,
      kioskId: 'borne-demo',
      language: 'fr',
      idle: { warnAfterSeconds: 90, countdownSeconds: 30 },
    });
  });

  it('reads a file, then environment variables over it, then explicit overrides', () => {
    const dir = fresh();
    const file = join(dir, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ kioskId: 'agence-nord-1', language: 'en', idle: { warnAfterSeconds: 120 } }));
    const config = loadConfig({
      file,
      env: { KIOSK_LANGUAGE: 'ar', KIOSK_IDLE_COUNTDOWN_SECONDS: '20', KIOSK_PORTAL_URL: 'https://portal.example.org' },
      overrides: { kioskId: 'agence-sud-2' },
      defaultDataDir: dir,
    });
    expect(config.kioskId).toBe('agence-sud-2');
    expect(config.language).toBe('ar');
    expect(config.idle).toEqual({ warnAfterSeconds: 120, countdownSeconds: 20 });
    expect(config.portalUrl).toBe('https://portal.example.org');
  });

  it.each([
    [{ KIOSK_LANGUAGE: 'de' }, 'language'],
    [{ KIOSK_IDLE_WARN_SECONDS: 'soon' }, 'idle.warnAfterSeconds'],
    [{ KIOSK_IDLE_WARN_SECONDS: '3' }, 'idle.warnAfterSeconds'],
    [{ KIOSK_PORTAL_URL: 'ftp://portal' }, 'portalUrl'],
    [{ KIOSK_ID: 'borne 1; drop table' }, 'kioskId'],
    [{ KIOSK_DB_KEY: 'short' }, 'databaseKey'],
  ])('names the bad key: %o', (env, key) => {
    try {
      loadConfig({ env, defaultDataDir: '/tmp/x' });
      expect.unreachable('should have failed');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).key).toBe(key);
      expect((error as Error).message).toContain(`"${key}"`);
    }
  });

  it('refuses unknown keys in the file, by name', () => {
    const file = join(fresh(), 'kiosk.json');
    writeFileSync(file, JSON.stringify({ kioskId: 'a', portalURL: 'typo' }));
    expect(() => loadConfig({ file, env: {}, defaultDataDir: '/tmp/x' })).toThrow(/portalURL/);
  });

  it('says plainly when the file is missing or not JSON', () => {
    const dir = fresh();
    expect(() => loadConfig({ file: join(dir, 'none.json'), env: {}, defaultDataDir: dir })).toThrow(/not readable/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ kioskId: ');
    expect(() => loadConfig({ file: bad, env: {}, defaultDataDir: dir })).toThrow(/not a JSON object/);
  });
});
