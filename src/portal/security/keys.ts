import type { JsonWebKey as NodeJwk } from 'node:crypto';
import { createHash, createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { PortalDb } from '../db/open';
import { portalSecrets } from '../db/schema';

export interface PortalKeys {
  sealing: { keyId: string; publicKey: string; privateJwk: NodeJwk };
  /** The directory HMAC key of one agency: a kiosk gets only its own agency's. */
  directoryKey(agencyCode: string): { keyId: string; key: Buffer };
}

const keyIdOf = (material: string | Buffer): string =>
  createHash('sha256').update(material).digest('base64url').slice(0, 12);

async function secret(db: PortalDb, name: string, make: () => string): Promise<string> {
  const existing = await db.select().from(portalSecrets).where(eq(portalSecrets.name, name)).get();
  if (existing) return existing.value;
  // Two instances starting together: the first insert wins and both read it back.
  await db.insert(portalSecrets).values({ name, value: make() }).onConflictDoNothing();
  return (await db.select().from(portalSecrets).where(eq(portalSecrets.name, name)).get())!.value;
}

/** Loads the portal's keys, generating them on first start (kept in the portal's own database). */
export async function loadPortalKeys(db: PortalDb): Promise<PortalKeys> {
  const sealingJwk = JSON.parse(
    await secret(db, 'sealing-x25519', () =>
      JSON.stringify(generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' })),
    ),
  ) as NodeJwk;
  const master = Buffer.from(
    await secret(db, 'directory-hmac-master', () => randomBytes(32).toString('base64url')),
    'base64url',
  );
  const cache = new Map<string, { keyId: string; key: Buffer }>();
  return {
    sealing: { keyId: keyIdOf(sealingJwk.x!), publicKey: sealingJwk.x!, privateJwk: sealingJwk },
    directoryKey(agencyCode) {
      let entry = cache.get(agencyCode);
      if (!entry) {
        const key = createHmac('sha256', master).update(`directory-agency\n${agencyCode}`).digest();
        entry = { keyId: keyIdOf(key), key };
        cache.set(agencyCode, entry);
      }
      return entry;
    },
  };
}

export const hmac = (key: Buffer, message: string): string =>
  createHmac('sha256', key).update(message).digest('base64url');
