import type { FastifyInstance } from 'fastify';
import { portalRoutes } from '../../shared/portal-api/routes';
import type { PortalContext } from '../context';
import { registerRoute } from '../http/route';
import { IdentityRefusal, matchIdentity } from './identity';
import { emailRefusal } from './outcome';
import { register } from './service';
import { registrationStatus } from './status';
import { answerWhy, issueAttemptRef } from './why';

export function registerRegistrationRoutes(app: FastifyInstance, ctx: PortalContext): void {
  registerRoute(app, ctx, portalRoutes.checkIdentity, async ({ body, kiosk }) => {
    const { assisted, ...identity } = body;
    try {
      await matchIdentity(ctx, kiosk, identity);
    } catch (error) {
      // Only an assisted attempt gets a reference: staff beside the tenant may ask « pourquoi ? ».
      if (!(assisted && error instanceof IdentityRefusal)) throw error;
      const attemptRef = await issueAttemptRef(ctx, kiosk, identity, error.kind);
      throw new IdentityRefusal(error.kind, error.code as 'identity_not_found', { ...error.extra, attemptRef });
    }
    return { eligible: true as const };
  });
  registerRoute(app, ctx, portalRoutes.registrationWhy, async ({ body, kiosk }) =>
    answerWhy(ctx, kiosk, body.attemptRef),
  );
  registerRoute(app, ctx, portalRoutes.register, async ({ body, kiosk, saveAnswer, request }) =>
    register(ctx, kiosk, body, saveAnswer).catch((error: unknown) => emailRefusal(ctx, kiosk, request, body, error)),
  );
  registerRoute(app, ctx, portalRoutes.registrationStatus, async ({ body, kiosk }) =>
    registrationStatus(ctx, kiosk, body.email),
  );
}
