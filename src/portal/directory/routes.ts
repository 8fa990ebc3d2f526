import type { FastifyInstance } from 'fastify';
import { and, asc, eq, gt } from 'drizzle-orm';
import {
  directoryAccountMessage,
  directoryIdentityMessage,
  type DirectoryStatus,
} from '../../shared/portal-api/directory';
import { portalRoutes } from '../../shared/portal-api/routes';
import type { PortalContext } from '../context';
import { accounts, signatories } from '../db/schema';
import { registerRoute } from '../http/route';
import { hmac } from '../security/keys';

/**
 * The change feed behind the kiosk's directory cache: rows of the kiosk's agency after the cursor,
 * as keyed hashes and a status — never a name or a date of birth.
 */
export function registerDirectoryRoutes(app: FastifyInstance, ctx: PortalContext): void {
  registerRoute(app, ctx, portalRoutes.directoryChanges, async ({ query, kiosk }) => {
    const { key, keyId } = ctx.keys.directoryKey(kiosk.agencyCode);
    const cursor = Number(query.cursor);
    const rows = await ctx.db
      .select({ s: signatories, accountId: accounts.id })
      .from(signatories)
      .leftJoin(accounts, eq(accounts.signatoryId, signatories.id))
      .where(and(eq(signatories.agencyCode, kiosk.agencyCode), gt(signatories.feedSeq, cursor)))
      .orderBy(asc(signatories.feedSeq))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const status = (r: (typeof rows)[number]): DirectoryStatus =>
      r.s.leaseStatus !== 'current' ? 'removed' : r.accountId ? 'registered' : 'eligible';
    return {
      records: page.map((r) => ({
        accountHmac: hmac(key, directoryAccountMessage(r.s.accountNumber)),
        identityHmac: hmac(key, directoryIdentityMessage(r.s)),
        status: status(r),
      })),
      nextCursor: String(page.at(-1)?.s.feedSeq ?? cursor),
      hasMore: rows.length > query.limit,
      keyId,
    };
  });
}
