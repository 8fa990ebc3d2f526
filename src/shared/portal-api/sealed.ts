import { z } from 'zod';

/**
 * A request body sealed to the portal's public key (docs/portal.md « Sealed payloads »): the kiosk's outbox keeps only this,
 * so it cannot read back a password or an identity. Sent with `Content-Type: application/sealed+json`;
 * the portal opens it and then validates the inner JSON exactly like a plain body.
 * X25519 (ephemeral → portal key), HKDF-SHA256 (salt = epk ‖ portal key, info = SEALED_INFO),
 * AES-256-GCM; all binary fields base64url.
 */
export const SEALED_CONTENT_TYPE = 'application/sealed+json';
export const SEALED_ALGORITHM = 'X25519-HKDF-SHA256-A256GCM' as const;
export const SEALED_INFO = 'mon-espace-locataire/sealed/v1';
/** The AES-GCM additional data: binds the ciphertext to the algorithm and the key it was sealed to. */
export const sealedAad = (keyId: string): string => `${SEALED_ALGORITHM}\n${keyId}`;

const b64url = (min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .min(min)
    .max(max);

export const sealedEnvelopeSchema = z.strictObject({
  v: z.literal(1),
  alg: z.literal(SEALED_ALGORITHM),
  keyId: z.string().min(1).max(64),
  epk: b64url(43, 43),
  iv: b64url(16, 16),
  ct: b64url(1, 90_000),
  tag: b64url(22, 22),
});
export type SealedEnvelope = z.infer<typeof sealedEnvelopeSchema>;
