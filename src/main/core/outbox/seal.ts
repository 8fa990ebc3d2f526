import {
  createCipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { SEALED_ALGORITHM, SEALED_INFO, sealedAad, type SealedEnvelope } from '../../../shared/portal-api/sealed';

/** The portal's public sealing key as GET /v1/keys gives it (X25519, base64url). */
export interface SealingKey {
  keyId: string;
  publicKey: string;
}

/**
 * Seals a JSON value to the portal's public key (docs/portal.md « Sealed payloads »), the way the portal opens it: an
 * ephemeral X25519 key agreement, HKDF-SHA256 (salt = ephemeral key ‖ portal key), AES-256-GCM.
 * The ephemeral private key is dropped at once, so the kiosk can never open what it sealed.
 */
export function seal(recipient: SealingKey, value: unknown): SealedEnvelope {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const epk = publicKey.export({ format: 'jwk' }).x!;
  const portalKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: recipient.publicKey }, format: 'jwk' });
  const salt = Buffer.concat([Buffer.from(epk, 'base64url'), Buffer.from(recipient.publicKey, 'base64url')]);
  const key = Buffer.from(
    hkdfSync('sha256', diffieHellman({ privateKey, publicKey: portalKey }), salt, SEALED_INFO, 32),
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(sealedAad(recipient.keyId)));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  key.fill(0);
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
