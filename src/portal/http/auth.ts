import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import type { PortalContext } from '../context';
import { kiosks } from '../db/schema';
import { hashToken, sameHash } from '../security/tokens';
import { ApiError } from './errors';

const bearer = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
  return m ? m[1]! : null;
};

/** Kiosk routes: `Authorization: Bearer <credential issued at enrolment>`, checked by its hash. */
export const kioskAuth = (ctx: PortalContext) =>
  async function (request: FastifyRequest): Promise<void> {
    const token = bearer(request);
    if (!token) throw new ApiError('kiosk_unauthorized');
    const row = await ctx.db
      .select({ id: kiosks.id, agencyCode: kiosks.agencyCode, revokedAt: kiosks.revokedAt })
      .from(kiosks)
      .where(eq(kiosks.credentialHash, hashToken(token)))
      .get();
    if (!row) throw new ApiError('kiosk_unauthorized');
    // Said apart from a wrong credential: the kiosk then shows « borne désactivée » and waits for staff.
    if (row.revokedAt) throw new ApiError('kiosk_revoked');
    request.kiosk = { id: row.id, agencyCode: row.agencyCode };
  };

/** Admin routes: the operator's token from the configuration; closed when none is configured. */
export const adminAuth = (ctx: PortalContext) =>
  async function (request: FastifyRequest): Promise<void> {
    const token = bearer(request);
    const expected = ctx.config.adminToken;
    if (!token || !expected || !sameHash(hashToken(token), hashToken(expected)))
      throw new ApiError('admin_unauthorized');
  };
