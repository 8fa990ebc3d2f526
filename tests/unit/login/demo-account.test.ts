import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoPortal } from '../../../src/portal';
import { ensureDemoAccount } from '../../../src/portal/accounts/demo-account';
import { DEMO_LOGIN, demoLoginSignatory } from '../../../src/portal/accounts/demo-login';
import { demoSignatories } from '../../../src/portal/signatories/demo-data';

let demo: DemoPortal;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portal-demo-login-'));
  demo = await startDemoPortal({ dataDir: dir, tenants: 60, logLevel: 'silent', enrolment: 'credential' });
});
afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = async (method: string, path: string, body?: unknown, session?: string) => {
  const response = await fetch(demo.url + path, {
    method,
    headers: {
      authorization: `Bearer ${demo.kioskCredential}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(session ? { 'x-session-token': session } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as { value: Record<string, string> } };
};

describe('the demo portal’s ready-made account (README)', () => {
  it('signs in with the documented address and password, as the last current-lease demo tenant', async () => {
    const login = await api('POST', '/v1/sessions', { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password });
    expect(login.status).toBe(201);
    const me = await api('GET', '/v1/sessions/me', undefined, login.body.value.sessionToken);
    const person = demoLoginSignatory(demoSignatories(60))!;
    expect(me.body.value).toMatchObject({
      email: DEMO_LOGIN.email,
      firstName: person.firstName,
      accountNumber: person.accountNumber,
    });
  });

  it('is made once: a restart keeps it as it is', async () => {
    expect(await ensureDemoAccount(demo.portal, demoSignatories(60))).toBe(false);
  });

  it('belongs to a tenant far from the first ones the README and the tests register', () => {
    const rows = demoSignatories(500);
    const person = demoLoginSignatory(rows)!;
    expect(rows.indexOf(person)).toBeGreaterThan(400);
    expect(person.accountNumber).not.toBe('0299900000001');
  });
});
