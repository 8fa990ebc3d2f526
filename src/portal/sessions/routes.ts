import type { FastifyInstance } from 'fastify';
import { portalRoutes } from '../../shared/portal-api/routes';
import type { PortalContext } from '../context';
import { registerRoute } from '../http/route';
import { login, logout, me } from './service';

export function registerSessionRoutes(app: FastifyInstance, ctx: PortalContext): void {
  registerRoute(app, ctx, portalRoutes.login, async ({ body, kiosk }) => login(ctx, kiosk, body.email, body.password));
  registerRoute(app, ctx, portalRoutes.me, async ({ sessionToken }) => me(ctx, sessionToken));
  registerRoute(app, ctx, portalRoutes.logout, async ({ sessionToken }) => {
    await logout(ctx, sessionToken);
    return { loggedOut: true as const };
  });
}
