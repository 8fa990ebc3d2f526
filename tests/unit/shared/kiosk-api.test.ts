import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  CALL_NAMES,
  COMMON_ERRORS,
  createDispatcher,
  createKioskClient,
  kioskApi,
  type KioskHandlers,
} from '../../../src/shared/kiosk-api';
import { fail, ok } from '../../../src/shared/result';

const ctx = { channel: 'web' as const };

/** Calls these tests do not exercise answer `unavailable`; the binder is what is under test. */
const otherCalls = Object.fromEntries(
  CALL_NAMES.map((n) => [n, async () => fail('unavailable')]),
) as unknown as KioskHandlers;

const goodHandlers = (): KioskHandlers => ({
  ...otherCalls,
  getInfo: async () =>
    ok({
      version: '1.0.0',
      kioskId: 'k1',
      defaultLanguage: 'fr',
      languages: ['fr', 'en'],
      idle: { warnAfterSeconds: 90, countdownSeconds: 30 },
    }),
  getStatus: async () => ok({ portal: 'offline', checkedAt: null }),
  startVisit: async () => ok({ started: true }),
  endVisit: async () => ok({ wiped: true }),
});

describe('dispatcher (server side of the contract)', () => {
  it('answers a valid call with the handler value', async () => {
    const dispatch = createDispatcher(goodHandlers());
    expect(await dispatch('endVisit', { reason: 'idle' }, ctx)).toEqual({ ok: true, value: { wiped: true } });
  });

  it('refuses unknown calls, including prototype names', async () => {
    const dispatch = createDispatcher(goodHandlers());
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await dispatch(name, {}, ctx)).toEqual({ ok: false, error: { code: 'unknown_call' } });
    }
  });

  it('refuses unknown fields and names them, without echoing values', async () => {
    const dispatch = createDispatcher(goodHandlers());
    const result = await dispatch('endVisit', { reason: 'idle', email: 'jean@example.org' }, ctx);
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', fields: ['email'] } });
    expect(JSON.stringify(result)).not.toContain('jean@');
  });

  it('turns a throwing handler into `internal` and reports the defect', async () => {
    const defects: string[] = [];
    const handlers = { ...goodHandlers(), getStatus: async () => Promise.reject(new Error('boom secret')) };
    const dispatch = createDispatcher(handlers, { onDefect: (call, kind) => defects.push(`${call}:${kind}`) });
    expect(await dispatch('getStatus', {}, ctx)).toEqual({ ok: false, error: { code: 'internal' } });
    expect(defects).toEqual(['getStatus:threw']);
  });

  it('refuses a handler answer that breaks the contract', async () => {
    const handlers = { ...goodHandlers(), getStatus: async () => ok({ portal: 'sideways', checkedAt: null }) };
    const dispatch = createDispatcher(handlers as unknown as KioskHandlers);
    expect(await dispatch('getStatus', {}, ctx)).toEqual({ ok: false, error: { code: 'internal' } });
  });

  it('never throws and always answers a typed result, whatever it is given', async () => {
    const dispatch = createDispatcher(goodHandlers());
    const anyCall = fc.oneof(fc.constantFrom(...CALL_NAMES), fc.string(), fc.anything());
    await fc.assert(
      fc.asyncProperty(anyCall, fc.anything(), async (call, input) => {
        const result = await dispatch(call, input, ctx);
        const known = CALL_NAMES.includes(call as never);
        if (!result.ok) {
          expect([...COMMON_ERRORS]).toContain(result.error.code);
        } else {
          expect(known).toBe(true);
          expect(kioskApi[call as keyof typeof kioskApi].input.safeParse(input).success).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('typed client (renderer side)', () => {
  it('round-trips through a transport into the dispatcher', async () => {
    const dispatch = createDispatcher(goodHandlers());
    const client = createKioskClient((call, input) => dispatch(call, input, ctx));
    expect(await client.getStatus({})).toEqual({ ok: true, value: { portal: 'offline', checkedAt: null } });
  });

  it('checks input before sending it', async () => {
    const sent: unknown[] = [];
    const client = createKioskClient(async (call, input) => sent.push([call, input]));
    const result = await client.endVisit({ reason: 'bored' } as never);
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', fields: ['reason'] } });
    expect(sent).toEqual([]);
  });

  it('turns a malformed or failing transport into typed errors', async () => {
    const broken = createKioskClient(async () => ({ ok: true, value: { wiped: 'yes' } }));
    expect(await broken.endVisit({ reason: 'idle' })).toEqual({ ok: false, error: { code: 'internal' } });
    const down = createKioskClient(async () => Promise.reject(new TypeError('fetch failed')));
    expect(await down.getInfo({})).toEqual({ ok: false, error: { code: 'unavailable' } });
    const refused = createKioskClient(async () => fail('forbidden'));
    expect(await refused.getInfo({})).toEqual({ ok: false, error: { code: 'forbidden' } });
  });

  it('exposes exactly one function per contract call', () => {
    const client = createKioskClient(async () => null);
    expect(Object.keys(client).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.values(client).every((f) => typeof f === 'function')).toBe(true);
  });

  it('every call schema refuses unknown fields', () => {
    for (const name of CALL_NAMES) {
      const schema = kioskApi[name].input as z.ZodType;
      expect(schema.safeParse({ unexpected: 1 }).success, name).toBe(false);
    }
  });
});
