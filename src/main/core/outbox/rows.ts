import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { OUTBOX_ROUTE, OUTCOME_BY_EMAIL_HEADER, type OutboxKind } from '../../../shared/portal-api/outbox';
import { portalRoutes, type PortalRouteName } from '../../../shared/portal-api/routes';
import type { SealedEnvelope } from '../../../shared/portal-api/sealed';
import type { PortalRequest } from '../portal-client/client';
import { seal, type SealingKey } from './seal';
import type { NewRow, OutboxRow } from './store';
import type { EnqueueRequest } from './types';

/** Why a row could not be queued: a fault of the caller or of the kiosk's state, never of the portal. */
export class OutboxError extends Error {
  constructor(readonly code: 'invalid_body' | 'must_seal' | 'no_sealing_key') {
    super(`outbox: ${code}`);
    this.name = 'OutboxError';
  }
}

/** Kinds whose outcome the portal emails to the tenant when nobody waits at the screen. */
const OUTCOME_BY_EMAIL = new Set<OutboxKind>(['register', 'reset_request']);

/** ≥ 128 bits, made once per row: every attempt of the row sends the same key. */
const newIdempotencyKey = () => `ob_${randomBytes(24).toString('base64url')}`;

/**
 * A row as it is committed: the body checked with its route's schema, then sealed to the portal's
 * key (only audit events, codes without personal data, may stay plain).
 */
export async function prepareRow(
  request: EnqueueRequest,
  sealingKey: () => Promise<SealingKey | null>,
): Promise<NewRow> {
  if (!request.seal && request.kind !== 'event') throw new OutboxError('must_seal');
  const parsed = (portalRoutes[OUTBOX_ROUTE[request.kind]].body as z.ZodType).safeParse(request.body);
  if (!parsed.success) throw new OutboxError('invalid_body');
  let payload: string;
  if (request.seal) {
    const key = await sealingKey();
    if (!key) throw new OutboxError('no_sealing_key');
    payload = JSON.stringify(seal(key, parsed.data));
  } else {
    payload = JSON.stringify(parsed.data);
  }
  return { kind: request.kind, idempotencyKey: newIdempotencyKey(), payload, sealed: request.seal };
}

/** The portal call that delivers a row: same Idempotency-Key every attempt, the sealed body as stored. */
export function deliveryOf(
  row: OutboxRow,
  options: { someoneWaits: boolean; signal: AbortSignal },
): { route: PortalRouteName; request: PortalRequest<PortalRouteName> } {
  const payload: unknown = JSON.parse(row.payload!);
  return {
    route: OUTBOX_ROUTE[row.kind],
    request: {
      idempotencyKey: row.idempotencyKey,
      signal: options.signal,
      ...(row.sealed ? { sealed: payload as SealedEnvelope } : { body: payload as never }),
      // Nobody at the screen for the answer: the portal emails the outcome to the tenant instead.
      ...(OUTCOME_BY_EMAIL.has(row.kind) && !options.someoneWaits
        ? { headers: { [OUTCOME_BY_EMAIL_HEADER]: '1' } }
        : {}),
    },
  };
}
