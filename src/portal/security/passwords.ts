import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;
import type { PortalConfig } from '../config';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(stored: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verification, so an unknown email answers like a known one. */
  verifyDummy(password: string): Promise<void>;
}

/** argon2id at the configured cost (OWASP: m=19456 KiB, t=2, p=1); runs off the event loop. */
export function createPasswordHasher(params: PortalConfig['argon2']): PasswordHasher {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: params.memoryCost,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
  };
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, options),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
    async verifyDummy(password) {
      dummy ??= hash('not-a-real-password-Zx9!', options);
      await verify(await dummy, password).catch(() => false);
    },
  };
}
