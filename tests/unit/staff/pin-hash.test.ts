import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/main/core/config';
import { DEMO_STAFF_PIN, DEMO_STAFF_PIN_HASH } from '../../../src/main/core/staff/demo-pin';
import { weakPinReason } from '../../../src/main/core/staff/pin-cli';
import { hashStaffPin, isStaffPinHash, verifyStaffPin } from '../../../src/main/core/staff/pin-hash';

/** The lowest cost the format accepts: the same code path, a fraction of the time. */
const FAST = { logN: 14, r: 8, p: 1 };

describe('staff PIN hash', () => {
  it('verifies the PIN it was made from, and nothing else', async () => {
    const hash = await hashStaffPin('97531', FAST);
    expect(hash).toMatch(/^scrypt:14:8:1:[\w-]{22}:[\w-]{43}$/);
    expect(hash).not.toContain('97531');
    expect(await verifyStaffPin('97531', hash)).toBe(true);
    expect(await verifyStaffPin('97530', hash)).toBe(false);
    expect(await verifyStaffPin('975310', hash)).toBe(false);
    // Salted: the same PIN twice makes two different hashes, both right.
    const again = await hashStaffPin('97531', FAST);
    expect(again).not.toBe(hash);
    expect(await verifyStaffPin('97531', again)).toBe(true);
  });

  it('uses the OWASP cost by default, and the demo hash is the README demo PIN', async () => {
    expect(DEMO_STAFF_PIN_HASH.startsWith('scrypt:17:8:1:')).toBe(true);
    expect(await verifyStaffPin(DEMO_STAFF_PIN, DEMO_STAFF_PIN_HASH)).toBe(true);
    expect(await verifyStaffPin('246811', DEMO_STAFF_PIN_HASH)).toBe(false);
  });

  it('refuses to hash a PIN that is not 4 to 8 digits, and a malformed hash never verifies', async () => {
    await expect(hashStaffPin('123', FAST)).rejects.toThrow(/4 to 8 digits/);
    await expect(hashStaffPin('12a45', FAST)).rejects.toThrow(/4 to 8 digits/);
    expect(isStaffPinHash('246810')).toBe(false);
    expect(isStaffPinHash('scrypt:30:8:1:D1MrBqrT8rxQpqxdos_hUg:CkY0CZ1ygPJTTcHeNitS5cV69qLfn1aGJ_9nSekJwaw')).toBe(
      false,
    );
    expect(await verifyStaffPin('246810', 'scrypt:17:8:1:short:short')).toBe(false);
  });

  it('the CLI refuses PINs anyone would try first', () => {
    expect(weakPinReason('0000')).not.toBeNull();
    expect(weakPinReason('123456')).not.toBeNull();
    expect(weakPinReason('98765')).not.toBeNull();
    expect(weakPinReason('246810')).toBeNull();
    expect(weakPinReason('97531')).toBeNull();
  });
});

describe('staff PIN configuration', () => {
  const load = (env: Record<string, string>) => loadConfig({ env, defaultDataDir: '/tmp/kiosk-config-test' });

  it('takes the hash from KIOSK_STAFF_PIN_HASH; none means staff mode off', () => {
    expect(load({}).staff.pinHash).toBeNull();
    expect(load({ KIOSK_STAFF_PIN_HASH: DEMO_STAFF_PIN_HASH }).staff.pinHash).toBe(DEMO_STAFF_PIN_HASH);
  });

  it('refuses a plain PIN by its key, without repeating it', () => {
    let error: unknown;
    try {
      load({ KIOSK_STAFF_PIN_HASH: '246810' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe('staff.pinHash');
    expect((error as Error).message).not.toContain('246810');
  });
});
