import { createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from 'node:crypto';
import { SEALED_INFO, sealedAad, sealedEnvelopeSchema } from '../../shared/portal-api/sealed';
import type { SealingPrivateKey } from './keys';

function deriveKey(shared: Buffer, epk: string, recipient: string): Buffer {
  const salt = Buffer.concat([Buffer.from(epk, 'base64url'), Buffer.from(recipient, 'base64url')]);
  return Buffer.from(hkdfSync('sha256', shared, salt, SEALED_INFO, 32));
}

const publicKeyOf = (x: string) => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });

export class SealedPayloadError extends Error {
  constructor() {
    super('sealed payload cannot be opened');
    this.name = 'SealedPayloadError';
  }
}

/** The envelope names a key that is unknown or past its grace period: the kiosk must seal again. */
export class SealingKeyRetiredError extends Error {
  constructor() {
    super('sealing key retired');
    this.name = 'SealingKeyRetiredError';
  }
}

/**
 * Opens an envelope sealed to one of this portal's keys; any defect is one opaque error, a key that
 * can no longer open is SealingKeyRetiredError. Returns the inner JSON text.
 */
export async function openSealedPayload(
  keys: { opening(keyId: string): Promise<SealingPrivateKey | null> },
  raw: unknown,
): Promise<string> {
  const parsed = sealedEnvelopeSchema.safeParse(raw);
  if (!parsed.success) throw new SealedPayloadError();
  const env = parsed.data;
  const sealing = await keys.opening(env.keyId);
  if (!sealing) throw new SealingKeyRetiredError();
  try {
    const privateKey = createPrivateKey({ key: sealing.privateJwk, format: 'jwk' } as Parameters<
      typeof createPrivateKey
    >[0]);
    const key = deriveKey(diffieHellman({ privateKey, publicKey: publicKeyOf(env.epk) }), env.epk, sealing.publicKey);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(env.iv, 'base64url')).setAAD(
      Buffer.from(sealedAad(env.keyId)),
    );
    decipher.setAuthTag(Buffer.from(env.tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(env.ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedPayloadError();
  }
}
