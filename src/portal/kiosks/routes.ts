import type { FastifyInstance } from 'fastify';
import { portalRoutes } from '../../shared/portal-api/routes';
import { SEALED_ALGORITHM } from '../../shared/portal-api/sealed';
import type { PortalContext } from '../context';
import { ApiError } from '../http/errors';
import { registerRoute } from '../http/route';
import { createKiosk, enrolKiosk, listKiosks, recordHeartbeat } from './service';

export function registerKioskRoutes(app: FastifyInstance, ctx: PortalContext): void {
  registerRoute(app, ctx, portalRoutes.enrolKiosk, async ({ body }) => {
    const enrolled = await enrolKiosk(ctx.db, body.enrolmentCode, ctx.now());
    if (!enrolled) throw new ApiError('enrolment_code_invalid');
    return enrolled;
  });

  registerRoute(app, ctx, portalRoutes.heartbeat, async ({ body, kiosk }) => ({
    receivedAt: await recordHeartbeat(ctx.db, kiosk.id, body, ctx.now()),
  }));

  registerRoute(app, ctx, portalRoutes.keys, async ({ kiosk }) => {
    const directory = ctx.keys.directoryKey(kiosk.agencyCode);
    return {
      sealing: { algorithm: SEALED_ALGORITHM, keyId: ctx.keys.sealing.keyId, publicKey: ctx.keys.sealing.publicKey },
      directory: {
        algorithm: 'HMAC-SHA256' as const,
        keyId: directory.keyId,
        key: directory.key.toString('base64url'),
      },
    };
  });

  registerRoute(app, ctx, portalRoutes.createKiosk, async ({ body }) =>
    createKiosk(ctx.db, body, ctx.now(), ctx.config.lifetimes.enrolmentCodeSeconds),
  );
  registerRoute(app, ctx, portalRoutes.listKiosks, async () => ({ kiosks: await listKiosks(ctx.db) }));
}
