import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Dispatch } from '../../shared/kiosk-api';
import { fail } from '../../shared/result';
import { securityHeaders } from '../host/static-path';
import { projectRoot } from '../host/paths';
import { COOKIE_NAME, hasBridgeCookie, isOwnHost, isTrustedCall, newSecret, sameSecret } from './bridge-auth';
import { launchRefusedPage } from './refusal-page';

const STATUS_OF: Record<string, number> = { invalid_input: 400, forbidden: 403, unknown_call: 404 };

export interface WebShellOptions {
  dispatch: Dispatch;
  rendererDir: string;
  port: number;
  /** Given by tests; otherwise a new one per launch. */
  secret?: string;
  /** messages/ (for the refused-launch page); the project's by default. */
  messagesDir?: string;
}

export interface WebShell {
  server: FastifyInstance;
  port: number;
  /** The bridge secret: the page's cookie (or a test's x-kiosk-secret header). Never in a URL. */
  secret: string;
  /**
   * Opening it once hands the secret to that browser as a cookie and lands on the attract screen;
   * it holds a one-time token, not the secret, so seeing it (in `ps`) afterwards gives nothing.
   */
  launchUrl: string;
  close(): Promise<void>;
}

/**
 * The kiosk without Electron: the built renderer and the kiosk API over HTTP, on loopback only.
 * The same core answers, through the same dispatcher, as over IPC.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const secret = options.secret ?? newSecret();
  let launchToken: string | null = newSecret();
  const refused = launchRefusedPage(options.messagesDir ?? join(projectRoot(import.meta.dirname), 'messages'));
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

  // The token is checked and spent in one synchronous step: of launches at once, one alone wins.
  server.get('/launch', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!isOwnHost(request.headers.host, port)) return reply.code(403).send(fail('forbidden'));
    // The browser that launched may open the link again (a reload): it holds the cookie already.
    if (hasBridgeCookie(request.headers.cookie, secret)) return reply.redirect('/', 303);
    const given = (request.query as Record<string, unknown>).k;
    if (launchToken === null || !sameSecret(launchToken, given))
      return reply.code(403).type('text/html; charset=utf-8').send(refused);
    launchToken = null;
    return reply.header('Set-Cookie', `${COOKIE_NAME}=${secret}; HttpOnly; SameSite=Strict; Path=/`).redirect('/', 303);
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
    launchUrl: `http://127.0.0.1:${port}/launch?k=${launchToken}`,
    close: () => server.close(),
  };
}

export const rendererDirOf = (projectRoot: string): string => join(projectRoot, 'out', 'renderer');
