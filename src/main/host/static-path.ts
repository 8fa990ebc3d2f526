import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, posix, sep } from 'node:path';

/** The only origin the kiosk UI is served from, in Electron. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * No inline styles (Svelte's build puts every style in .css files; style: directives go through the
 * CSSOM, which CSP allows); data: images only for the captcha, drawn in the core as a PNG data URL.
 */
export const KIOSK_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True for app://kiosk/… only. Node's URL gives custom schemes an opaque origin, so compare parts. */
export function isKioskUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password;
  } catch {
    return false;
  }
}

export type StaticTarget = { ok: true; file: string } | { ok: false; status: 403 | 404 };

/**
 * Maps an app://kiosk URL to a file under `root`, or refuses it. Anything that could step outside
 * the root, or be read differently by the file system than by this check, is refused outright
 * rather than cleaned up: encoded slashes, backslashes, NUL, drive colons and `..` segments.
 */
export function resolveStaticPath(root: string, url: string): StaticTarget {
  if (!isKioskUrl(url)) return { ok: false, status: 403 };
  const rawPath = new URL(url).pathname;
  if (/%(2f|5c|00)/i.test(rawPath)) return { ok: false, status: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 403 };
  }
  if (/[\\\0:]/.test(decoded)) return { ok: false, status: 403 };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403 };
  if (segments.some((s) => s.startsWith('.'))) return { ok: false, status: 404 };
  const relative = posix.normalize(`/${decoded}`).replace(/^\/+/, '');
  const file = join(root, relative === '' ? 'index.html' : relative);
  if (!isInside(root, file)) return { ok: false, status: 403 };
  return { ok: true, file };
}

const isInside = (root: string, file: string): boolean => {
  const base = root.endsWith(sep) ? root : root + sep;
  return file.startsWith(base);
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};
export const contentTypeOf = (file: string): string => MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Headers every served renderer response carries, from app:// and from the web shell alike. */
export const securityHeaders = (): Record<string, string> => ({
  'Content-Security-Policy': KIOSK_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

const refuse = (status: number): Response =>
  new Response(null, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * Answers one request for the built renderer: GET/HEAD only, files under `root` only (symbolic
 * links pointing out of it included), and the CSP on every answer, errors too.
 */
export async function serveStatic(root: string, request: { url: string; method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
  const target = resolveStaticPath(root, request.url);
  if (!target.ok) return refuse(target.status);
  let body: Buffer;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(target.file)]);
    if (!isInside(realRoot, realFile)) return refuse(403);
    if (!(await stat(realFile)).isFile()) return refuse(404);
    body = await readFile(realFile);
  } catch {
    return refuse(404);
  }
  const headers = { ...securityHeaders(), 'Content-Type': contentTypeOf(target.file) };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
