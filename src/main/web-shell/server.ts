import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, relative, sep } from 'node:path';
import secureJson from 'secure-json-parse';
import type { Dispatch } from '../../shared/kiosk-api';
import { fail } from '../../shared/result';
import { contentTypeOf, securityHeaders } from '../host/static-path';
import { projectRoot } from '../host/paths';
import { COOKIE_NAME, hasBridgeCookie, isOwnHost, isTrustedCall, newSecret, sameSecret } from './bridge-auth';
import { launchRefusedPage } from './refusal-page';

const STATUS_OF: Record<string, number> = { invalid_input: 400, forbidden: 403, unknown_call: 404 };
const BODY_LIMIT = 64 * 1024;

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
  server: Server;
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

type Answer = { status: number; body?: string | Buffer; headers?: Record<string, string> };
const json = (status: number, value: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  body: JSON.stringify(value),
  headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
});
const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * The kiosk without Electron: the built renderer and the kiosk API over HTTP, on loopback only.
 * The same core answers, through the same dispatcher, as over IPC. Node's own HTTP server, not a
 * framework: three routes do not need one, and loading Fastify was most of the time to the URL line.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const secret = options.secret ?? newSecret();
  let launchToken: string | null = newSecret();
  // Written when first needed: a start reads nothing it does not need for the attract screen.
  let refused: string | null = null;
  const refusedPage = () =>
    (refused ??= launchRefusedPage(options.messagesDir ?? join(projectRoot(import.meta.dirname), 'messages')));
  let port = options.port;

  // The token is checked and spent in one synchronous step: of launches at once, one alone wins.
  function launch(request: IncomingMessage, query: URLSearchParams): Answer {
    if (!isOwnHost(request.headers.host, port)) return json(403, fail('forbidden'), NO_STORE);
    const home = { status: 303, headers: { ...NO_STORE, Location: '/' } };
    // The browser that launched may open the link again (a reload): it holds the cookie already.
    if (hasBridgeCookie(request.headers.cookie, secret)) return home;
    const given = query.getAll('k');
    if (launchToken === null || given.length !== 1 || !sameSecret(launchToken, given[0])) {
      return { status: 403, body: refusedPage(), headers: { ...NO_STORE, 'Content-Type': 'text/html; charset=utf-8' } };
    }
    launchToken = null;
    return {
      ...home,
      headers: { ...home.headers, 'Set-Cookie': `${COOKIE_NAME}=${secret}; HttpOnly; SameSite=Strict; Path=/` },
    };
  }

  async function call(request: IncomingMessage, name: string): Promise<Answer> {
    if (!isTrustedCall(request.headers as Record<string, string>, port, secret)) {
      return json(403, fail('forbidden'), NO_STORE);
    }
    const input = await readJson(request);
    if (!input.ok) return json(input.status, fail('invalid_input'), NO_STORE);
    const result = await options.dispatch(name, input.value ?? {}, { channel: 'web' });
    return json(result.ok ? 200 : (STATUS_OF[result.error.code] ?? 200), result, NO_STORE);
  }

  const renderer = listRenderer(options.rendererDir);
  async function files(path: string): Promise<Answer> {
    const file = renderer.get(path === '/' ? '/index.html' : path);
    if (!file) return json(404, fail('not_found'));
    // A failed read is not kept: the next request tries again.
    file.body ??= readFile(file.file).catch((error: unknown) => {
      delete file.body;
      throw error;
    });
    return { status: 200, body: await file.body, headers: { 'Content-Type': file.type } };
  }

  async function route(request: IncomingMessage): Promise<Answer> {
    const url = new URL(request.url ?? '/', 'http://kiosk.invalid');
    const api = /^\/api\/call\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'POST' && api) return call(request, decodeURIComponent(api[1]!));
    if (request.method === 'GET' && url.pathname === '/launch') return launch(request, url.searchParams);
    if ((request.method === 'GET' || request.method === 'HEAD') && !api) return files(url.pathname);
    return json(404, fail('not_found'));
  }

  // Once closing, a response in flight ends its connection: a kept-alive one would hold close() for
  // the whole keep-alive time (72 s) after closeIdleConnections() had already passed it by.
  let closing = false;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void route(request)
      // A malformed name or anything unforeseen: a 4xx with a code, never a 500 nor a stack.
      .catch((): Answer => json(400, fail('invalid_input')))
      .then(({ status, body, headers }) => {
        const ending = closing ? { Connection: 'close' } : {};
        response.writeHead(status, { ...securityHeaders(), 'X-Frame-Options': 'DENY', ...headers, ...ending });
        response.end(body);
      });
  });
  // As Fastify did: an idle connection is kept well past Node's 5 s, so that a client reusing it
  // (the page between two calls) never meets one the server is just closing.
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    secret,
    launchUrl: `http://127.0.0.1:${port}/launch?k=${launchToken}`,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/**
 * The built renderer's files (under 1 MB), listed once before listening and each read on its first
 * request, then kept. Only regular files, by their exact path: no symbolic link, no dotfile, nothing
 * outside the folder can be named.
 */
function listRenderer(dir: string): Map<string, { file: string; type: string; body?: Promise<Buffer> }> {
  const files = new Map<string, { file: string; type: string; body?: Promise<Buffer> }>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name);
    const path = `/${relative(dir, file).split(sep).join('/')}`;
    if (!entry.isFile() || path.split('/').some((part) => part.startsWith('.'))) continue;
    files.set(path, { file, type: contentTypeOf(file) });
  }
  return files;
}

/**
 * The call's input: JSON only, at most 64 KiB, without prototype keys (secure-json-parse, as
 * Fastify used). No body at all is an empty input. The body is read to its end either way.
 */
async function readJson(
  request: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= BODY_LIMIT) chunks.push(chunk);
  }
  if (size > BODY_LIMIT) return { ok: false, status: 413 };
  const type = request.headers['content-type']?.split(';')[0]!.trim().toLowerCase();
  if (size === 0 && type === undefined) return { ok: true, value: undefined };
  if (type !== 'application/json') return { ok: false, status: 415 };
  try {
    return { ok: true, value: secureJson.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400 };
  }
}

export const rendererDirOf = (projectRoot: string): string => join(projectRoot, 'out', 'renderer');
