import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The staff PIN is configured as a hash, never in plain text (KIOSK_STAFF_PIN_HASH).
 *
 * Why scrypt from node:crypto: it is memory-hard (OWASP Password Storage Cheat Sheet lists it
 * next to argon2id), and it is built into Node and Electron, so the kiosk's main process needs no
 * native module (the portal's argon2 is one) and runs it off the event loop. Parameters are the
 * cheat sheet's: N = 2^17, r = 8, p = 1 (128 MiB, a few hundred ms: once per unlock, fine).
 *
 * A 4–8 digit PIN has at most 10^8 values, so the hash slows down someone who copies the
 * configuration rather than stopping them; what protects the kiosk is the lock-out after 5 wrong
 * PINs (pin-guard.ts). The format avoids `$` so it can sit in a shell or systemd variable:
 *   scrypt:<log2 N>:<r>:<p>:<salt base64url>:<key base64url>
 */
export const STAFF_PIN_PATTERN = /^\d{4,8}$/;
export const STAFF_PIN_HASH_PATTERN =
  /^scrypt:(1[4-9]|20):([1-9]|1[0-6]):([1-4]):[A-Za-z0-9_-]{22,88}:[A-Za-z0-9_-]{43,88}$/;

export const DEFAULT_PIN_COST = { logN: 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

interface ParsedHash {
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): ParsedHash | null {
  if (!STAFF_PIN_HASH_PATTERN.test(stored)) return null;
  const [, logN, r, p, salt, key] = stored.split(':');
  return {
    logN: Number(logN),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt!, 'base64url'),
    key: Buffer.from(key!, 'base64url'),
  };
}

const derive = (pin: string, salt: Buffer, cost: { logN: number; r: number; p: number }, length: number) =>
  new Promise<Buffer>((resolve, reject) => {
    const N = 2 ** cost.logN;
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below the cheat sheet's cost.
    const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
    scrypt(pin.normalize('NFKC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

/** A fresh hash of `pin`, for `npm run staff-pin`. */
export async function hashStaffPin(pin: string, cost: { logN: number; r: number; p: number } = DEFAULT_PIN_COST) {
  if (!STAFF_PIN_PATTERN.test(pin)) throw new Error('the staff PIN is 4 to 8 digits');
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, cost, KEY_BYTES);
  return ['scrypt', cost.logN, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join(':');
}

/** Whether `pin` matches `stored`; the comparison takes the same time wherever the keys differ. */
export async function verifyStaffPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(pin, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

export const isStaffPinHash = (value: string): boolean => parse(value) !== null;
