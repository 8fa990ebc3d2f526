import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { emailKey } from '../../shared/rules/email';
import { accounts, signatories } from '../db/schema';
import { createPasswordHasher } from '../security/passwords';
import type { SignatoryRow } from '../signatories/store';
import type { RunningPortal } from '../start';
import { DEMO_LOGIN, demoLoginSignatory } from './demo-login';
import { findAccountByEmailKey } from './store';

/**
 * Creates the demo account (DEMO_LOGIN), already activated, unless it exists (a restart keeps what the visitor
 * did with it, a changed password included) or its signatory is missing or registered otherwise.
 */
export async function ensureDemoAccount(
  portal: RunningPortal,
  rows: readonly SignatoryRow[],
  at: Date = new Date(),
): Promise<boolean> {
  const person = demoLoginSignatory(rows);
  const key = emailKey(DEMO_LOGIN.email);
  if (!person || (await findAccountByEmailKey(portal.db, key))) return false;
  const signatory = await portal.db
    .select({ id: signatories.id })
    .from(signatories)
    .where(
      and(
        eq(signatories.leaseId, person.leaseId),
        eq(signatories.firstName, person.firstName),
        eq(signatories.dateOfBirth, person.dateOfBirth),
      ),
    )
    .get();
  if (!signatory) return false;
  if (await portal.db.select().from(accounts).where(eq(accounts.signatoryId, signatory.id)).get()) return false;
  const passwordHash = await createPasswordHasher(portal.config.argon2).hash(DEMO_LOGIN.password);
  const now = at.toISOString();
  await portal.db.transaction(async (tx) => {
    await tx.insert(accounts).values({
      id: randomUUID(),
      signatoryId: signatory.id,
      email: DEMO_LOGIN.email,
      emailKey: key,
      passwordHash,
      status: 'active',
      language: 'fr',
      termsVersion: portal.config.termsVersion,
      termsAcceptedAt: now,
      createdAt: now,
      activatedAt: now,
    });
  });
  return true;
}
