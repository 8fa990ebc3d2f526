import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import {
  SEALED_ALGORITHM,
  SEALED_INFO,
  sealedEnvelopeSchema,
  type SealedEnvelope,
} from '../../shared/portal-api/sealed';
import type { SealingPrivateKey } from './keys';

const aadOf = (keyId: string) => Buffer.from(`${SEALED_ALGORITHM}\n${keyId}`);

function deriveKey(shared: Buffer, epk: string, recipient: string): Buffer {
  const salt = Buffer.concat([Buffer.from(epk, 'base64url'), Buffer.from(recipient, 'base64url')]);
  return Buffer.from(hkdfSync('sha256', shared, salt, SEALED_INFO, 32));
}

const publicKeyOf = (x: string) => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });

/**
 * Seals a JSON value to the portal's public key (what a kiosk's outbox stores). Node-only; the
 * kiosk core may import it from here.
 */
export function sealPayload(recipient: { keyId: string; publicKey: string }, value: unknown): SealedEnvelope {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const epk = publicKey.export({ format: 'jwk' }).x!;
  const key = deriveKey(
    diffieHellman({ privateKey, publicKey: publicKeyOf(recipient.publicKey) }),
    epk,
    recipient.publicKey,
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aadOf(recipient.keyId));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    v: 1,
    alg: SEALED_ALGORITHM,
    keyId: recipient.keyId,
    epk,
    iv: iv.toString('base64url'),
    ct: ct.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

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
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(env.iv, 'base64url')).setAAD(aadOf(env.keyId));
    decipher.setAuthTag(Buffer.from(env.tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(env.ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedPayloadError();
  }
}
