import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_ERROR_CODES, portalRoutes } from '../../../src/shared/portal-api';
import { accounts, kiosks, sessions } from '../../../src/portal/db/schema';
import { identityOf, startHarness, STRONG_PASSWORD, type Answer, type Harness } from './harness';

const ADMIN = 'admin-token-for-tests-0123456789';
let h: Harness;
let credential: string;
beforeAll(async () => {
  h = await startHarness({ adminToken: ADMIN });
  ({ credential } = await h.enrolKiosk());
});
afterAll(() => h?.close());

const counts = async () => ({
  accounts: (await h.portal.db
    .select({ n: sql<number>`count(*)` })
    .from(accounts)
    .get())!.n,
  sessions: (await h.portal.db
    .select({ n: sql<number>`count(*)` })
    .from(sessions)
    .get())!.n,
  kiosks: (await h.portal.db
    .select({ n: sql<number>`count(*)` })
    .from(kiosks)
    .get())!.n,
});

/** A refusal: 4xx, the error envelope, a known code. */
function expectRefusal(r: Answer): void {
  expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expect(r.body.ok).toBe(false);
  expect(PORTAL_ERROR_CODES).toContain(r.body.error.code);
}

const valid = () => ({
  identity: identityOf(5),
  email: 'camille@exemple.invalid',
  password: STRONG_PASSWORD,
  acceptedTermsVersion: '2025-01',
});

describe('hand-picked bad inputs', () => {
  it.each([
    ['malformed JSON', { raw: '{"identity": ' }, 'malformed_json'],
    ['empty JSON body', { raw: '' }, 'malformed_json'],
    ['oversized body', { raw: JSON.stringify({ ...valid(), email: 'a'.repeat(40_000) }) }, 'payload_too_large'],
    ['unknown field', { body: { ...valid(), admin: true } }, 'invalid_input'],
    ['unknown nested field', { body: { ...valid(), identity: { ...identityOf(5), role: 'x' } } }, 'invalid_input'],
    ['wrong types', { body: { ...valid(), identity: { ...identityOf(5), dateOfBirth: 19880808 } } }, 'invalid_input'],
    ['array body', { body: [valid()] }, 'invalid_input'],
    [
      'SQL-ish name',
      { body: { ...valid(), identity: { ...identityOf(5), lastName: "Martin'); DROP TABLE accounts;--" } } },
      'invalid_input',
    ],
    ['SQL-ish email', { body: { ...valid(), email: "' OR 1=1 --@x.fr" } }, 'invalid_input'],
    ['emoji name', { body: { ...valid(), identity: { ...identityOf(5), firstName: 'Camille 😀' } } }, 'invalid_input'],
    [
      '10k-character name',
      { body: { ...valid(), identity: { ...identityOf(5), lastName: 'M'.repeat(10_000) } } },
      'invalid_input',
    ],
    [
      'impossible date',
      { body: { ...valid(), identity: { ...identityOf(5), dateOfBirth: '1988-02-30' } } },
      'invalid_input',
    ],
    [
      'future date',
      { body: { ...valid(), identity: { ...identityOf(5), dateOfBirth: '2999-01-01' } } },
      'invalid_input',
    ],
    [
      '11-digit account number (the kiosk adds 02)',
      { body: { ...valid(), identity: { ...identityOf(5), accountNumber: '99900000005' } } },
      'invalid_input',
    ],
    ['text/plain body', { raw: JSON.stringify(valid()), contentType: 'text/plain' }, 'unsupported_media_type'],
  ])('%s → 4xx, nothing written', async (_name, input, code) => {
    const before = await counts();
    const r = await h.call('POST', '/v1/registrations', { credential, ...input });
    expectRefusal(r);
    expect(r.body.error.code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('names the failing fields', async () => {
    const r = await h.call('POST', '/v1/registrations', {
      credential,
      body: { ...valid(), identity: { ...identityOf(5), dateOfBirth: 'x' }, email: 'nope' },
    });
    expect(r.body.error.fields).toEqual(expect.arrayContaining(['identity.dateOfBirth', 'email']));
  });

  it('unknown routes and methods are 404 JSON', async () => {
    expectRefusal(await h.call('GET', '/v1/nothing-here'));
    expectRefusal(await h.call('DELETE', '/v1/sessions'));
  });

  it('serves an OpenAPI 3.1 document covering every route', async () => {
    const doc = (await h.call('GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const route of Object.values(portalRoutes))
      expect(doc.paths[route.path]?.[route.method.toLowerCase()], route.path).toBeDefined();
    expect(doc.paths['/health'].get).toBeDefined();
    expect(doc.paths['/inscription-locataire'].get).toBeDefined();
  });
});

describe('property-based fuzzing of every route', () => {
  const json = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(
      {
        email: fc.string(),
        password: fc.string(),
        code: fc.string(),
        token: fc.string(),
        identity: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        enrolmentCode: fc.string({ maxLength: 80 }),
        version: fc.string(),
        outboxDepth: fc.integer(),
        lastSyncAt: fc.string(),
        agencyCode: fc.string(),
        label: fc.string(),
      },
      { requiredKeys: [] },
    ),
  );
  const routes = Object.values(portalRoutes);

  it('random bodies, queries and headers never cause a 5xx nor a write', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        json,
        fc.string({ maxLength: 30 }),
        fc.constantFrom<'kiosk' | 'admin' | 'none' | 'junk'>('kiosk', 'admin', 'none', 'junk'),
        async (route, body, query, who) => {
          const cred = who === 'kiosk' ? credential : who === 'admin' ? ADMIN : who === 'junk' ? 'x'.repeat(30) : null;
          const path =
            route.method === 'GET'
              ? `${route.path}?cursor=${encodeURIComponent(query)}&limit=${encodeURIComponent(query)}`
              : route.path;
          const r = await h.call(route.method, path, {
            credential: cred,
            ...(route.method === 'POST' ? { raw: JSON.stringify(body) } : {}),
            session: query,
          });
          expect(r.status, `${route.path} ${JSON.stringify(body)} → ${JSON.stringify(r.body)}`).toBeLessThan(500);
          if (r.status >= 400) expectRefusal(r);
        },
      ),
      { numRuns: 250 },
    );
    expect((await counts()).accounts).toBe(before.accounts);
  });

  it('random identities and credentials at the registration never cause a 5xx', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 120 });
    await fc.assert(
      fc.asyncProperty(text, text, text, text, text, async (accountNumber, lastName, firstName, dateOfBirth, email) => {
        const r = await h.call('POST', '/v1/registrations', {
          credential,
          body: {
            identity: { accountNumber, lastName, firstName, dateOfBirth },
            email,
            password: STRONG_PASSWORD,
            acceptedTermsVersion: '2025-01',
          },
        });
        expectRefusal(r);
      }),
      { numRuns: 100 },
    );
  });
});

describe('pages for links opened on a phone', () => {
  it('answer HTML, never a 5xx, whatever the query or form', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/inscription-locataire', '/reinitialisation-mot-de-passe'),
        fc.string({ maxLength: 80 }),
        fc.string({ maxLength: 200 }),
        async (path, data, password) => {
          const get = await fetch(`${h.url}${path}?target=link&data=${encodeURIComponent(data)}`);
          expect(get.status).toBeLessThan(500);
          expect(get.headers.get('content-type')).toMatch(/^text\/html/);
          const form = new URLSearchParams({ data, password, confirmation: password });
          const post = await fetch(`${h.url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form.toString(),
          });
          expect(post.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('revoked kiosks', () => {
  it('lose access at once', async () => {
    const { kioskId, credential: revoked } = await h.enrolKiosk();
    expect((await h.call('GET', '/v1/keys', { credential: revoked })).status).toBe(200);
    const { revokeKiosk } = await import('../../../src/portal/kiosks/service');
    expect(await revokeKiosk(h.portal.db, kioskId, h.clock.now())).toBe(true);
    expect((await h.call('GET', '/v1/keys', { credential: revoked })).body.error.code).toBe('kiosk_revoked');
  });
});
