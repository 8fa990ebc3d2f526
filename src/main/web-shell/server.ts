import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Dispatch } from '../../shared/kiosk-api';
import { fail } from '../../shared/result';
import { securityHeaders } from '../core/static-path';
import { COOKIE_NAME, isTrustedCall, newSecret, sameSecret } from './bridge-auth';

const STATUS_OF: Record<string, number> = { invalid_input: 400, forbidden: 403, unknown_call: 404 };

export interface WebShellOptions {
  dispatch: Dispatch;
  rendererDir: string;
  port: number;
  /** Given by tests; otherwise a new one per launch. */
  secret?: string;
}

export interface WebShell {
  server: FastifyInstance;
  port: number;
  secret: string;
  /** Opening it hands the secret to the browser and lands on the attract screen. */
  launchUrl: string;
  close(): Promise<void>;
}

/**
 * The kiosk without Electron: the built renderer and the kiosk API over HTTP, on loopback only.
 * The same core answers, through the same dispatcher, as over IPC.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const secret = options.secret ?? newSecret();
  const server = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  let port = options.port;

  server.addHook('onSend', async (_request, reply) => {
    reply.headers({ ...securityHeaders(), 'X-Frame-Options': 'DENY' });
  });

  server.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
    const code = status === 415 || status === 400 || status === 413 ? 'invalid_input' : 'forbidden';
    return reply.code(status).send(fail(code));
  });
  server.setNotFoundHandler((_request, reply) => reply.code(404).send(fail('not_found')));

  server.get('/launch', async (request, reply) => {
    const given = (request.query as Record<string, unknown>).k;
    if (!sameSecret(secret, given)) return reply.code(403).send(fail('forbidden'));
    return reply
      .header('Set-Cookie', `${COOKIE_NAME}=${secret}; HttpOnly; SameSite=Strict; Path=/`)
      .header('Cache-Control', 'no-store')
      .redirect('/', 303);
  });

  server.post<{ Params: { name: string } }>('/api/call/:name', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!isTrustedCall(request.headers as Record<string, string>, port, secret)) {
      return reply.code(403).send(fail('forbidden'));
    }
    const result = await options.dispatch(request.params.name, request.body ?? {}, { channel: 'web' });
    const status = result.ok ? 200 : (STATUS_OF[result.error.code] ?? 200);
    return reply.code(status).send(result);
  });

  await server.register(fastifyStatic, {
    root: options.rendererDir,
    prefix: '/',
    index: 'index.html',
    dotfiles: 'deny',
    decorateReply: false,
  });

  await server.listen({ host: '127.0.0.1', port: options.port });
  const address = server.server.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    port,
    secret,
    launchUrl: `http://127.0.0.1:${port}/launch?k=${secret}`,
    close: () => server.close(),
  };
}

export const rendererDirOf = (projectRoot: string): string => join(projectRoot, 'out', 'renderer');
