import type { FastifyInstance } from 'fastify';
import { portalRoutes } from '../../shared/portal-api/routes';
import { SEALED_ALGORITHM } from '../../shared/portal-api/sealed';
import type { PortalContext } from '../context';
import { ApiError } from '../http/errors';
import { registerRoute } from '../http/route';
import { createKiosk, enrolKiosk, listKiosks, recordEvent, recordHeartbeat } from './service';

export function registerKioskRoutes(app: FastifyInstance, ctx: PortalContext): void {
  registerRoute(app, ctx, portalRoutes.enrolKiosk, async ({ body }) => {
    const enrolled = await enrolKiosk(ctx.db, body.enrolmentCode, ctx.now(), body.installId ?? null);
    if ('refused' in enrolled) throw new ApiError(enrolled.refused);
    return enrolled;
  });

  registerRoute(app, ctx, portalRoutes.heartbeat, async ({ body, kiosk }) => ({
    receivedAt: await recordHeartbeat(ctx.db, kiosk.id, body, ctx.now()),
  }));

  registerRoute(app, ctx, portalRoutes.recordEvent, async ({ body, kiosk }) => {
    await recordEvent(ctx.db, kiosk.id, body, ctx.now());
    return { recorded: true as const };
  });

  registerRoute(app, ctx, portalRoutes.keys, async () => ({
    sealing: { algorithm: SEALED_ALGORITHM, ...(await ctx.keys.current()) },
  }));

  registerRoute(app, ctx, portalRoutes.kioskConfig, async () => {
    const { limits, lifetimes } = ctx.config;
    return {
      termsVersion: ctx.config.termsVersion,
      settings: {
        activationResendCooldownSeconds: limits.resendCooldownSeconds,
        resetEmailIntervalSeconds: limits.resendCooldownSeconds,
        activationCodeMinutes: Math.round(lifetimes.activationCodeSeconds / 60),
        resetCodeMinutes: Math.round(lifetimes.resetCodeSeconds / 60),
        sessionIdleSeconds: lifetimes.sessionIdleSeconds,
      },
    };
  });

  registerRoute(app, ctx, portalRoutes.createKiosk, async ({ body }) =>
    createKiosk(ctx.db, body, ctx.now(), ctx.config.lifetimes.enrolmentCodeSeconds),
  );
  registerRoute(app, ctx, portalRoutes.listKiosks, async () => ({ kiosks: await listKiosks(ctx.db, ctx.now()) }));
}
