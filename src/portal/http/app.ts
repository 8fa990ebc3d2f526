import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { HEALTH_PATH, healthSchema } from '../../shared/portal-api/routes';
import { SEALED_CONTENT_TYPE } from '../../shared/portal-api/sealed';
import { registerActivationRoutes } from '../activation/routes';
import type { PortalContext } from '../context';
import { registerKioskRoutes } from '../kiosks/routes';
import type { DemoReceiver } from '../mail/demo-receiver';
import { registerDevMailbox } from '../mail/dev-mailbox';
import { registerRegistrationRoutes } from '../registration/routes';
import { registerResetRoutes } from '../reset/routes';
import { openSealedPayload, SealingKeyRetiredError } from '../security/sealed';
import { registerSessionRoutes } from '../sessions/routes';
import { ApiError, installErrorHandling } from './errors';

/** The portal's HTTP server: contract routes, pages, OpenAPI, and the demo mailbox when there is one. */
export async function buildPortalApp(
  ctx: Omit<PortalContext, 'log'>,
  logger: Logger,
  receiver: DemoReceiver | null,
): Promise<{ app: FastifyInstance; ctx: PortalContext }> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Request lines would carry link tokens in query strings: the portal logs its own, without them.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.config.bodyLimitBytes,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  });
  const full: PortalContext = { ...ctx, log: app.log };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(none)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      // Demo and tests run on plain http on loopback: no forced upgrade there; HSTS only behind https.
      directives: {
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'script-src': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
    strictTransportSecurity: ctx.config.publicUrl?.startsWith('https:')
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mon espace locataire — central portal API',
        version: full.version,
        description: 'The API kiosks sync with. Errors: `{ ok: false, error: { code } }`.',
      },
      components: {
        securitySchemes: {
          kiosk: { type: 'http', scheme: 'bearer', description: 'Kiosk credential issued at enrolment.' },
          admin: { type: 'http', scheme: 'bearer', description: "The operator's admin token." },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  // JSON (plain or sealed) and HTML forms only; anything else is 415.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  // Sealed bodies are opened here, so the route validates the inner JSON like any plain body.
  // A retired key fails here, before the idempotency step, so its refusal is never stored as the
  // key's answer: the kiosk's retry, sealed again to the current key, runs as a first request.
  app.addContentTypeParser(SEALED_CONTENT_TYPE, { parseAs: 'string' }, async (_req: unknown, body: string) => {
    let outer: unknown;
    try {
      outer = JSON.parse(body);
    } catch {
      throw new ApiError('malformed_json');
    }
    try {
      return JSON.parse(await openSealedPayload(full.keys, outer)) as unknown;
    } catch (error) {
      throw new ApiError(error instanceof SealingKeyRetiredError ? 'sealing_key_retired' : 'sealed_payload_invalid');
    }
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    HEALTH_PATH,
    {
      schema: {
        summary: 'Liveness, without credentials (polled by kiosks).',
        tags: ['health'],
        response: { 200: healthSchema },
      },
    },
    async () => ({ status: 'ok' as const, version: full.version }),
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerKioskRoutes(app, full);
  registerRegistrationRoutes(app, full);
  registerActivationRoutes(app, full);
  registerSessionRoutes(app, full);
  registerResetRoutes(app, full);
  if (receiver) registerDevMailbox(app, receiver);
  return { app, ctx: full };
}
