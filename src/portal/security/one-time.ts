import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { PortalDb, PortalTx } from '../db/open';
import { oneTimeSecrets } from '../db/schema';
import { hashCode, hashToken, randomCode, randomToken, sameHash } from './tokens';

export type SecretPurpose = 'activation' | 'reset';

/** The account's unused secrets of `purpose` (the latest one is the valid one). */
const unusedOf = (accountId: string, purpose: SecretPurpose) =>
  and(eq(oneTimeSecrets.accountId, accountId), eq(oneTimeSecrets.purpose, purpose), isNull(oneTimeSecrets.usedAt));

/** The secret of a link that is unused and not expired. */
const liveLink = (token: string, purpose: SecretPurpose, now: Date) =>
  and(
    eq(oneTimeSecrets.linkHash, hashToken(token)),
    eq(oneTimeSecrets.purpose, purpose),
    isNull(oneTimeSecrets.usedAt),
    gt(oneTimeSecrets.linkExpiresAt, now.toISOString()),
  );

/**
 * Issues a link token and a 6-digit code for one purpose; earlier unused ones of the same purpose
 * stop working, so only the latest email is valid.
 */
export async function issueSecret(
  tx: PortalDb | PortalTx,
  input: { accountId: string; purpose: SecretPurpose; linkSeconds: number; codeSeconds: number; now: Date },
): Promise<{ token: string; code: string }> {
  const token = randomToken();
  const code = randomCode();
  const linkHash = hashToken(token);
  const now = input.now.getTime();
  await tx
    .update(oneTimeSecrets)
    .set({ usedAt: input.now.toISOString() })
    .where(unusedOf(input.accountId, input.purpose));
  await tx.insert(oneTimeSecrets).values({
    accountId: input.accountId,
    purpose: input.purpose,
    linkHash,
    linkExpiresAt: new Date(now + input.linkSeconds * 1000).toISOString(),
    codeHash: hashCode(code, linkHash),
    codeExpiresAt: new Date(now + input.codeSeconds * 1000).toISOString(),
    createdAt: input.now.toISOString(),
  });
  return { token, code };
}

/** The account of a valid, unused link, without using it (to show a page or check a state first). */
export async function peekLink(db: PortalDb, token: string, purpose: SecretPurpose, now: Date): Promise<string | null> {
  const row = await db
    .select({ accountId: oneTimeSecrets.accountId })
    .from(oneTimeSecrets)
    .where(liveLink(token, purpose, now))
    .get();
  return row?.accountId ?? null;
}

/** Uses a link: atomic, so a link opened twice at once works once. */
export async function consumeLink(
  tx: PortalDb | PortalTx,
  token: string,
  purpose: SecretPurpose,
  now: Date,
): Promise<string | null> {
  const rows = await tx
    .update(oneTimeSecrets)
    .set({ usedAt: now.toISOString() })
    .where(liveLink(token, purpose, now))
    .returning({ accountId: oneTimeSecrets.accountId });
  return rows[0]?.accountId ?? null;
}

export type CodeCheck = 'ok' | 'invalid' | 'expired' | 'too_many';

/** Checks a 6-digit code against the account's latest secret; a wrong one counts against its tries. */
export async function useCode(
  tx: PortalDb | PortalTx,
  input: { accountId: string; purpose: SecretPurpose; code: string; maxAttempts: number; now: Date },
): Promise<CodeCheck> {
  const row = await tx
    .select()
    .from(oneTimeSecrets)
    .where(unusedOf(input.accountId, input.purpose))
    .orderBy(desc(oneTimeSecrets.id))
    .get();
  if (!row) return 'invalid';
  if (row.codeAttempts >= input.maxAttempts) return 'too_many';
  if (row.codeExpiresAt <= input.now.toISOString()) return 'expired';
  if (!sameHash(hashCode(input.code, row.linkHash), row.codeHash)) {
    await tx
      .update(oneTimeSecrets)
      .set({ codeAttempts: sql`${oneTimeSecrets.codeAttempts} + 1` })
      .where(eq(oneTimeSecrets.id, row.id));
    return row.codeAttempts + 1 >= input.maxAttempts ? 'too_many' : 'invalid';
  }
  const used = await tx
    .update(oneTimeSecrets)
    .set({ usedAt: input.now.toISOString() })
    .where(and(eq(oneTimeSecrets.id, row.id), isNull(oneTimeSecrets.usedAt)))
    .returning({ id: oneTimeSecrets.id });
  return used.length > 0 ? 'ok' : 'invalid';
}
