import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { PortalDb } from '../db/open';
import { portalSecrets } from '../db/schema';

const NAME = 'throttle-hmac';

/**
 * The key of the portal's keyed hashes (throttle keys, idempotency request hashes): generated on
 * first start, kept in the (encrypted) portal database, the same for every portal process on it.
 */
export async function loadHashSecret(db: PortalDb): Promise<Buffer> {
  // Two processes starting together: the first insert wins and both read it back.
  await db
    .insert(portalSecrets)
    .values({ name: NAME, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const row = await db.select().from(portalSecrets).where(eq(portalSecrets.name, NAME)).get();
  return Buffer.from(row!.value, 'base64url');
}
