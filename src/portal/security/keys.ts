import type { JsonWebKey as NodeJwk } from 'node:crypto';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { and, desc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { PortalDb } from '../db/open';
import { portalSecrets, sealingKeys } from '../db/schema';

export interface SealingKey {
  keyId: string;
  publicKey: string;
}
export interface SealingPrivateKey extends SealingKey {
  privateJwk: NodeJwk;
}

/**
 * The portal's sealing key ring, read from the database on every use, so a rotation made by the
 * admin CLI (another process) is seen at once by every portal process on the same database.
 */
export interface PortalKeys {
  /** The key /v1/keys serves: kiosks seal new rows to it. */
  current(): Promise<SealingKey>;
  /** The key an envelope names, if it may still open bodies (current, or retired within the grace). */
  opening(keyId: string): Promise<SealingPrivateKey | null>;
  /** Makes a new current key, retires the old one, erases private keys past their grace. */
  rotate(): Promise<{ keyId: string; retired: string[]; erased: number }>;
}

const keyIdOf = (material: string): string => createHash('sha256').update(material).digest('base64url').slice(0, 12);

const newKeyPair = () => {
  const jwk = generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' });
  return { keyId: keyIdOf(jwk.x!), publicKey: jwk.x!, privateJwk: JSON.stringify(jwk) };
};

/** Where the very first key pair lived before the key ring; moved into it on start, then deleted. */
const LEGACY_SECRET = 'sealing-x25519';
/** The removed directory feed's HMAC master key: deleted on start so no copy of it remains. */
const RETIRED_SECRETS = ['directory-hmac-master'];

/**
 * Loads the key ring, creating the first key pair on first start. Two processes starting together
 * serialise on a write transaction, so a fresh database gets exactly one current key.
 */
export async function loadPortalKeys(
  db: PortalDb,
  now: () => Date,
  options: { graceSeconds: number },
): Promise<PortalKeys> {
  await db.transaction(
    async (tx) => {
      for (const name of RETIRED_SECRETS) await tx.delete(portalSecrets).where(eq(portalSecrets.name, name));
      if (await tx.select({ keyId: sealingKeys.keyId }).from(sealingKeys).limit(1).get()) return;
      const legacy = await tx.select().from(portalSecrets).where(eq(portalSecrets.name, LEGACY_SECRET)).get();
      const pair = legacy
        ? (() => {
            const jwk = JSON.parse(legacy.value) as NodeJwk;
            return { keyId: keyIdOf(jwk.x!), publicKey: jwk.x!, privateJwk: legacy.value };
          })()
        : newKeyPair();
      await tx.insert(sealingKeys).values({ ...pair, createdAt: now().toISOString() });
      await tx.delete(portalSecrets).where(eq(portalSecrets.name, LEGACY_SECRET));
    },
    { behavior: 'immediate' },
  );
  const graceMs = options.graceSeconds * 1000;

  return {
    async current() {
      const row = await db
        .select()
        .from(sealingKeys)
        .where(isNull(sealingKeys.retiredAt))
        .orderBy(desc(sealingKeys.createdAt), desc(sealingKeys.keyId))
        .get();
      if (!row) throw new Error('no current sealing key');
      return { keyId: row.keyId, publicKey: row.publicKey };
    },
    async opening(keyId) {
      const row = await db.select().from(sealingKeys).where(eq(sealingKeys.keyId, keyId)).get();
      if (!row?.privateJwk) return null;
      if (row.retiredAt && Date.parse(row.retiredAt) + graceMs <= now().getTime()) return null;
      return { keyId: row.keyId, publicKey: row.publicKey, privateJwk: JSON.parse(row.privateJwk) as NodeJwk };
    },
    async rotate() {
      const pair = newKeyPair();
      const at = now();
      return db.transaction(
        async (tx) => {
          const retired = await tx
            .update(sealingKeys)
            .set({ retiredAt: at.toISOString() })
            .where(isNull(sealingKeys.retiredAt))
            .returning({ keyId: sealingKeys.keyId });
          await tx.insert(sealingKeys).values({ ...pair, createdAt: at.toISOString() });
          // A private key past its grace opens nothing any more: erase it rather than keep it around.
          const erased = await tx
            .update(sealingKeys)
            .set({ privateJwk: null })
            .where(
              and(
                isNotNull(sealingKeys.privateJwk),
                lte(sealingKeys.retiredAt, new Date(at.getTime() - graceMs).toISOString()),
              ),
            )
            .returning({ keyId: sealingKeys.keyId });
          return { keyId: pair.keyId, retired: retired.map((r) => r.keyId), erased: erased.length };
        },
        { behavior: 'immediate' },
      );
    },
  };
}
