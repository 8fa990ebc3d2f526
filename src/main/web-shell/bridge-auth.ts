import { randomBytes, timingSafeEqual } from 'node:crypto';

export const COOKIE_NAME = 'kiosk_bridge';

/** A fresh secret per launch: the launch URL hands it to the page as an HttpOnly cookie. */
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

/**
 * Only the page we serve may call: the request names our own host (no DNS rebinding), comes
 * from our own origin when a browser says where from, and carries this launch's secret.
 */
export function isTrustedCall(
  headers: { host?: string; origin?: string; cookie?: string; 'x-kiosk-secret'?: string | string[] },
  port: number,
  secret: string,
): boolean {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!headers.host || !hosts.includes(headers.host)) return false;
  if (headers.origin !== undefined && !hosts.some((h) => headers.origin === `http://${h}`)) return false;
  const headerSecret = headers['x-kiosk-secret'];
  return sameSecret(secret, cookieValue(headers.cookie, COOKIE_NAME)) || sameSecret(secret, headerSecret);
}
