import { z } from 'zod';
import type { PortalErrorCode } from './errors';

/** none: public; kiosk: `Authorization: Bearer <kiosk credential>`; admin: the operator's token. */
export type RouteAuth = 'none' | 'kiosk' | 'admin';

export interface RouteSpec<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  V extends z.ZodType = z.ZodType,
  E extends readonly PortalErrorCode[] = readonly PortalErrorCode[],
> {
  method: 'GET' | 'POST';
  path: string;
  auth: RouteAuth;
  /** The route also needs `X-Session-Token` (a tenant's session opened on this kiosk). */
  session?: boolean;
  summary: string;
  tags: string[];
  body: B;
  query: Q;
  status: 200 | 201 | 202;
  /** What `value` holds in `{ ok: true, value }`. */
  value: V;
  /** Codes this route may answer beyond the transport's (invalid_input, malformed_json…). */
  errors: E;
}

/** What a route may leave out: no body, no query, status 200, no error of its own. */
type Defaulted = 'body' | 'query' | 'status' | 'errors';

export const defineRoute = <
  V extends z.ZodType,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  // Kept as written, so a table keyed by one route's codes (the staff panel's words) is checked.
  const E extends readonly PortalErrorCode[] = readonly [],
>(
  spec: Omit<RouteSpec<B, Q, V, E>, Defaulted> & Partial<Pick<RouteSpec<B, Q, V, E>, Defaulted>>,
): RouteSpec<B, Q, V, E> => ({
  ...spec,
  body: spec.body as B,
  query: spec.query as Q,
  status: spec.status ?? 200,
  errors: spec.errors ?? ([] as readonly PortalErrorCode[] as E),
});

export const successSchema = <V extends z.ZodType>(value: V) => z.strictObject({ ok: z.literal(true), value });

/** `Idempotency-Key`: honoured on every POST; the same key with another body is refused. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
export const SESSION_HEADER = 'x-session-token';
