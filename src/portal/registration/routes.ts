import type { FastifyInstance } from 'fastify';
import { portalRoutes } from '../../shared/portal-api/routes';
import type { PortalContext } from '../context';
import { registerRoute } from '../http/route';
import { matchIdentity } from './identity';
import { emailRefusal } from './outcome';
import { register } from './service';
import { registrationStatus } from './status';

export function registerRegistrationRoutes(app: FastifyInstance, ctx: PortalContext): void {
  registerRoute(app, ctx, portalRoutes.checkIdentity, async ({ body, kiosk }) => {
    await matchIdentity(ctx, kiosk, body);
    return { eligible: true as const };
  });
  registerRoute(app, ctx, portalRoutes.register, async ({ body, kiosk, saveAnswer, request }) =>
    register(ctx, kiosk, body, saveAnswer).catch((error: unknown) => emailRefusal(ctx, kiosk, request, body, error)),
  );
  registerRoute(app, ctx, portalRoutes.registrationStatus, async ({ body, kiosk }) =>
    registrationStatus(ctx, kiosk, body.email),
  );
}
