import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PortalContext } from '../context';
import { retryAfter } from '../http/errors';
import { fleetOf } from './data';
import { closeFleetSession, FLEET_SESSION_SECONDS, fleetSessionIsLive, openFleetSession } from './session';
import { FLEET_LOGIN_PATH, FLEET_LOGOUT_PATH, FLEET_PATH, fleetPage, loginPage, type LoginNotice } from './view';

const loginForm = z.object({ jeton: z.string().min(1).max(500) });

/**
 * A request from one of this portal's own pages. SameSite=Strict already keeps the cookie off
 * cross-site requests; the Origin check also stops a cross-site POST to the login form (which
 * needs no cookie) from spending the wrong-token budget.
 */
function fromThisPortal(request: FastifyRequest, ctx: PortalContext): boolean {
  const allowed = new Set([`${request.protocol}://${request.host}`]);
  if (ctx.config.publicUrl) allowed.add(new URL(ctx.config.publicUrl).origin);
  const { origin, referer } = request.headers;
  if (typeof origin === 'string') return allowed.has(origin);
  if (typeof referer !== 'string') return false;
  try {
    return allowed.has(new URL(referer).origin);
  } catch {
    return false;
  }
}

/**
 * The fleet page (issue #12): admin-only, server-rendered, no script. The admin token is typed once
 * in a form; the session is a random id in an HttpOnly SameSite=Strict cookie (Secure, and
 * `__Host-` named, behind https), stored hashed with its expiry. A kiosk credential opens nothing.
 */
export async function registerFleetPage(app: FastifyInstance, ctx: PortalContext): Promise<void> {
  const https = ctx.config.publicUrl?.startsWith('https:') ?? false;
  const cookieName = https ? '__Host-flotte' : 'flotte';
  const sessionOf = (request: FastifyRequest) => request.cookies[cookieName];

  const html = (reply: FastifyReply, status: number, body: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      // The figures are live and for staff only; forms post from here, so the browser must send
      // their Origin (under helmet's `no-referrer` it sends `Origin: null`).
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'same-origin')
      .send(body);
  const login = (reply: FastifyReply, status: number, notice: LoginNotice, retryMinutes?: number) =>
    html(
      reply,
      ctx.config.adminToken ? status : 403,
      loginPage(ctx.config.adminToken ? notice : 'closed', retryMinutes),
    );

  await app.register(async (scope) => {
    await scope.register(cookie);

    scope.get(
      FLEET_PATH,
      { schema: { summary: 'Fleet page for the landlord (HTML, admin session).', tags: ['pages'] } },
      async (request, reply) => {
        if (!(await fleetSessionIsLive(ctx, sessionOf(request)))) return login(reply, 401, null);
        const now = ctx.now();
        return html(reply, 200, fleetPage(await fleetOf(ctx.db, now), now));
      },
    );

    scope.post(
      FLEET_LOGIN_PATH,
      { schema: { summary: 'Opens a fleet page session with the admin token (form).', tags: ['pages'] } },
      async (request, reply) => {
        if (!fromThisPortal(request, ctx)) return login(reply, 403, 'origin');
        const form = loginForm.safeParse(request.body);
        if (!form.success) return login(reply, 400, 'wrong');
        const opened = await openFleetSession(ctx, form.data.jeton);
        if (opened.ok) {
          void reply.setCookie(cookieName, opened.sessionId, {
            httpOnly: true,
            secure: https,
            sameSite: 'strict',
            path: '/',
            // Relative, so a browser whose clock differs from the portal's keeps it for the session's life.
            maxAge: FLEET_SESSION_SECONDS,
          });
          return reply.header('cache-control', 'no-store').redirect(FLEET_PATH, 303);
        }
        if (opened.reason !== 'throttled') return login(reply, 401, opened.reason);
        const seconds = retryAfter(opened.until, ctx.now());
        void reply.header('retry-after', String(seconds));
        return login(reply, 429, 'throttled', Math.ceil(seconds / 60));
      },
    );

    scope.post(
      FLEET_LOGOUT_PATH,
      { schema: { summary: 'Ends the fleet page session (form).', tags: ['pages'] } },
      async (request, reply) => {
        if (!fromThisPortal(request, ctx)) return login(reply, 403, 'origin');
        await closeFleetSession(ctx, sessionOf(request));
        void reply.clearCookie(cookieName, { httpOnly: true, secure: https, sameSite: 'strict', path: '/' });
        return login(reply, 200, 'ended');
      },
    );
  });
}
