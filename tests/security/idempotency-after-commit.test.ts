import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from '../unit/portal/harness';

// Issue #9 item 3: the Idempotency-Key was claimed in a preHandler and the answer stored in
// onSend, apart from the effect's transaction. A connection reset after the effect committed but
// before the answer was stored made the kiosk's retry run the effect again: its own registration
// then came back as already_registered. A fault hook resets the connection right after the effect.
let h: Harness;
let credential: string;
/** Routes whose next request is cut after its effect (then the request fails as a crash would). */
const cut = new Set<string>();

beforeAll(async () => {
  h = await startHarness(
    {},
    {
      faults: {
        async afterEffect(route: string, request: FastifyRequest) {
          if (!cut.delete(route)) return;
          request.raw.socket.destroy();
          throw new Error('connection reset after commit (injected)');
        },
      },
    },
  );
  ({ credential } = await h.enrolKiosk());
});
afterAll(() => h?.close());

/** The first attempt is cut after its effect; the retry, with the same key and body, must get the answer. */
async function cutThenRetry(route: string, body: unknown, key: string) {
  cut.add(route);
  const first = await h.call('POST', route, { credential, body, idempotencyKey: key }).catch((e: Error) => e);
  expect(first).toBeInstanceOf(Error); // the kiosk saw the connection drop
  return h.call('POST', route, { credential, body, idempotencyKey: key });
}

describe('an answer lost after the effect committed is replayed, not re-run', () => {
  it('registration: the retry gets 201, one account, one email', async () => {
    const email = 'reprise@exemple.invalid';
    const body = { identity: identityOf(5), email, password: STRONG_PASSWORD, acceptedTermsVersion: '2025-01' };
    const retry = await cutThenRetry('/v1/registrations', body, 'outbox-reg-0001');
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.body.value.status).toBe('pending_activation');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    await h.portal.settle();
    expect(h.mailsTo(email)).toHaveLength(1);
  });

  it('activation by code and password reset: the retry gets the original answer', async () => {
    const email = 'reprise@exemple.invalid';
    const code = (await h.lastMailTo(email)).codes[0]!;
    const activated = await cutThenRetry('/v1/activation/code', { email, code }, 'outbox-act-0001');
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    expect(activated.body).toEqual({ ok: true, value: { activated: true } });

    const asked = await cutThenRetry('/v1/password-reset', { email }, 'outbox-reset-0001');
    expect(asked.status).toBe(202);
    await h.portal.settle();
    expect(h.mailsTo(email).filter((m) => /mot de passe/i.test(m.subject))).toHaveLength(1);
    const resetCode = (await h.lastMailTo(email)).codes[0]!;
    const body = { email, code: resetCode, newPassword: 'Cerisier#Rouge-77' };
    const reset = await cutThenRetry('/v1/password-reset/code', body, 'outbox-reset-0002');
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body).toEqual({ ok: true, value: { reset: true } });
  });

  it('resend: the retry gets the original answer and one email', async () => {
    const email = 'reprise.2@exemple.invalid';
    await h.call('POST', '/v1/registrations', {
      credential,
      body: { identity: identityOf(6), email, password: STRONG_PASSWORD, acceptedTermsVersion: '2025-01' },
    });
    h.clock.advance(61);
    const resent = await cutThenRetry('/v1/activation/resend', { email }, 'outbox-resend-0001');
    expect(resent.status, JSON.stringify(resent.body)).toBe(202);
    await h.portal.settle();
    expect(h.mailsTo(email)).toHaveLength(2);
  });
});
