import type { Got, Method } from 'got';
import type { z } from 'zod';
import { errorBodySchema, type PortalError, type PortalErrorCode } from '../../../shared/portal-api/errors';
import { SESSION_HEADER, successSchema } from '../../../shared/portal-api/define';
import { portalRoutes, type PortalRouteName, type PortalRoutes } from '../../../shared/portal-api/routes';
import { SEALED_CONTENT_TYPE, type SealedEnvelope } from '../../../shared/portal-api/sealed';
import { calculateDelay, DEFAULT_RETRY, RETRY_STATUSES, type RetryPolicy } from './retry';

/** Codes of the client itself, beside the portal's. */
export type ClientErrorCode = 'unreachable' | 'bad_answer' | 'not_enrolled';
export type PortalCallError = Omit<PortalError, 'code'> & { code: PortalErrorCode | ClientErrorCode; status?: number };
export type PortalResult<T> = { ok: true; value: T } | { ok: false; error: PortalCallError };

type Spec<N extends PortalRouteName> = PortalRoutes[N];
type In<S> = S extends z.ZodType ? z.input<S> : never;
export type PortalBody<N extends PortalRouteName> = In<Spec<N>['body']>;
export type PortalQuery<N extends PortalRouteName> = In<Spec<N>['query']>;
export type PortalValue<N extends PortalRouteName> = z.output<Spec<N>['value']>;

export interface PortalRequest<N extends PortalRouteName> {
  body?: PortalBody<N>;
  query?: PortalQuery<N>;
  /** Makes a POST safe to retry: the portal runs it once and replays its answer. */
  idempotencyKey?: string;
  sessionToken?: string;
  /** false: one try only (polling, where the next poll is the retry). */
  retry?: boolean;
  /** A shorter overall limit for this request (polling, where a slow answer is worth nothing). */
  timeoutMs?: number;
  /**
   * The body already sealed to the portal's key (the outbox's rows): sent as SEALED_CONTENT_TYPE
   * instead of `body`. Its inner JSON was checked with the route's schema when it was sealed.
   */
  sealed?: SealedEnvelope;
  /** Extra request headers (lower-case names), e.g. OUTCOME_BY_EMAIL_HEADER. */
  headers?: Record<string, string>;
  /** Aborts the request (the outbox stopping): the call answers `unreachable`. */
  signal?: AbortSignal;
}

export interface PortalClientOptions {
  baseUrl: string;
  /** The kiosk credential for `auth: 'kiosk'` routes; null before enrolment. */
  credential?: () => Promise<string | null>;
  userAgent?: string;
  retry?: Partial<RetryPolicy>;
  timeoutsMs?: { connect?: number; response?: number; request?: number };
}

export interface PortalClient {
  readonly baseUrl: string;
  call<N extends PortalRouteName>(name: N, request?: PortalRequest<N>): Promise<PortalResult<PortalValue<N>>>;
}

const failure = (code: PortalCallError['code'], extra: Omit<PortalCallError, 'code'> = {}) => ({
  ok: false as const,
  error: { code, ...extra },
});

let gotModule: Promise<Got> | undefined;
// Loaded on first use: the kiosk shows its attract screen before it needs HTTP.
const loadGot = () => (gotModule ??= import('got').then((m) => m.got));

/**
 * The kiosk's side of the portal API: one typed call per route of the shared contract. Bodies
 * are checked before they leave and every answer is parsed with the route's schemas, so nothing
 * the portal (or whatever answers in its place) sends reaches the flows unchecked. Never throws.
 */
export function createPortalClient(options: PortalClientOptions): PortalClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const timeouts = { connect: 3_000, response: 15_000, request: 20_000, ...options.timeoutsMs };
  const delay = calculateDelay(policy);

  async function call<N extends PortalRouteName>(
    name: N,
    request: PortalRequest<N> = {},
  ): Promise<PortalResult<PortalValue<N>>> {
    const spec = portalRoutes[name] as PortalRoutes[PortalRouteName];
    const headers: Record<string, string> = { ...request.headers, accept: 'application/json' };
    if (options.userAgent) headers['user-agent'] = options.userAgent;
    if (spec.auth === 'kiosk') {
      const credential = (await options.credential?.()) ?? null;
      if (!credential) return failure('not_enrolled');
      headers.authorization = `Bearer ${credential}`;
    }
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    if (request.sessionToken) headers[SESSION_HEADER] = request.sessionToken;

    let json: unknown;
    let sealedText: string | undefined;
    if (spec.body && request.sealed) {
      headers['content-type'] = SEALED_CONTENT_TYPE;
      sealedText = JSON.stringify(request.sealed);
    } else if (spec.body) {
      const body = spec.body.safeParse(request.body ?? {});
      if (!body.success)
        return failure('invalid_input', { fields: body.error.issues.map((i) => i.path.join('.')).slice(0, 32) });
      json = body.data;
    }
    let searchParams: Record<string, string> | undefined;
    // No route takes a query today; the client keeps supporting them for the next one that does.
    const querySchema = spec.query as z.ZodType | undefined;
    if (querySchema) {
      const query = querySchema.safeParse(request.query ?? {});
      if (!query.success)
        return failure('invalid_input', { fields: query.error.issues.map((i) => i.path.join('.')).slice(0, 32) });
      searchParams = Object.fromEntries(
        Object.entries(query.data as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      );
    }

    const retryable = request.retry !== false && (spec.method === 'GET' || Boolean(request.idempotencyKey));
    let response;
    try {
      const got = await loadGot();
      response = await got(base + spec.path, {
        method: spec.method as Method,
        headers,
        ...(sealedText !== undefined ? { body: sealedText } : json !== undefined ? { json } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(searchParams ? { searchParams } : {}),
        responseType: 'text',
        throwHttpErrors: false,
        followRedirect: false,
        timeout: {
          lookup: timeouts.connect,
          connect: timeouts.connect,
          secureConnect: timeouts.connect,
          response: timeouts.response,
          request: request.timeoutMs ?? timeouts.request,
        },
        retry: {
          limit: retryable ? policy.limit : 0,
          methods: [spec.method as Method],
          statusCodes: RETRY_STATUSES,
          calculateDelay: delay,
        },
      });
    } catch {
      return failure('unreachable');
    }

    let payload: unknown;
    try {
      payload = JSON.parse(response.body);
    } catch {
      return failure(response.statusCode >= 500 ? 'unreachable' : 'bad_answer', { status: response.statusCode });
    }
    if (response.statusCode === spec.status) {
      const parsed = successSchema(spec.value).safeParse(payload);
      return parsed.success
        ? { ok: true, value: parsed.data.value as PortalValue<N> }
        : failure('bad_answer', { status: response.statusCode });
    }
    const refused = errorBodySchema.safeParse(payload);
    if (!refused.success) return failure('bad_answer', { status: response.statusCode });
    return { ok: false, error: { ...refused.data.error, status: response.statusCode } };
  }

  return { baseUrl: base, call };
}

/** Stands in when no portal is configured: every call answers `unreachable`. */
export const unconfiguredPortalClient = (): PortalClient => ({
  baseUrl: '',
  call: async () => failure('unreachable'),
});
