import { randomBytes, timingSafeEqual } from 'node:crypto';

export const COOKIE_NAME = 'kiosk_bridge';

/**
 * A fresh random value: the bridge secret (the page's HttpOnly cookie) and, apart from it, the
 * one-time launch token of the launch URL (which `ps` shows, so it must not be the secret).
 */
export const newSecret = (): string => randomBytes(32).toString('base64url');

export function sameSecret(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The request names our own loopback host and port: a rebound DNS name does not. */
const ownHosts = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`];
export const isOwnHost = (host: string | undefined, port: number): boolean => !!host && ownHosts(port).includes(host);

/** The browser already holds this launch's cookie. */
export const hasBridgeCookie = (cookie: string | undefined, secret: string): boolean =>
  sameSecret(secret, cookieValue(cookie, COOKIE_NAME));

/**
 * Only the page we serve may call: the request names our own host (no DNS rebinding), comes
 * from our own origin when a browser says where from, and carries this launch's secret.
 */
export function isTrustedCall(
  headers: { host?: string; origin?: string; cookie?: string; 'x-kiosk-secret'?: string | string[] },
  port: number,
  secret: string,
): boolean {
  if (!isOwnHost(headers.host, port)) return false;
  if (headers.origin !== undefined && !ownHosts(port).some((h) => headers.origin === `http://${h}`)) return false;
  return hasBridgeCookie(headers.cookie, secret) || sameSecret(secret, headers['x-kiosk-secret']);
}
