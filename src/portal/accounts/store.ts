import { eq } from 'drizzle-orm';
import type { PortalDb, PortalTx } from '../db/open';
import { accounts, signatories } from '../db/schema';

export type AccountRow = typeof accounts.$inferSelect;

export async function findAccountByEmailKey(db: PortalDb | PortalTx, key: string): Promise<AccountRow | undefined> {
  return db.select().from(accounts).where(eq(accounts.emailKey, key)).get();
}

export async function findAccount(db: PortalDb | PortalTx, id: string): Promise<AccountRow | undefined> {
  return db.select().from(accounts).where(eq(accounts.id, id)).get();
}

export async function accountWithSignatory(db: PortalDb, id: string) {
  return db
    .select({ account: accounts, signatory: signatories })
    .from(accounts)
    .innerJoin(signatories, eq(accounts.signatoryId, signatories.id))
    .where(eq(accounts.id, id))
    .get();
}
