import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { identityOf, startHarness, STRONG_PASSWORD, type Harness } from '../unit/portal/harness';

// Issue #10 item 3: emails were sent inside the request (its timing told a pending account from
// others). They now leave from a queue in the portal's database, after the answer, with retries.
let h: Harness;
let credential: string;
let refuseNext = 0;
let holding: (() => void)[] = [];
let hold = false;
const received: string[] = [];

const relay = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  onData(stream, session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      const finish = () => {
        if (refuseNext > 0) {
          refuseNext--;
          return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        }
        received.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      };
      if (hold) holding.push(finish);
      else finish();
    });
  },
});

const count = async (sql: string) => Number((await h.portal.db.$client.execute(sql)).rows[0]!.n);

beforeAll(async () => {
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  const port = (relay.server.address() as { port: number }).port;
  h = await startHarness({ smtp: { host: '127.0.0.1', port, requireTls: false } });
  ({ credential } = await h.enrolKiosk());
});
afterAll(async () => {
  await h?.close();
  await new Promise<void>((r) => relay.close(r));
});

const register = (i: number, email: string) =>
  h.call('POST', '/v1/registrations', {
    credential,
    body: { identity: identityOf(i), email, password: STRONG_PASSWORD, acceptedTermsVersion: '2025-01' },
  });

describe('mail queue', () => {
  it('answers before the relay has taken the email', async () => {
    hold = true;
    const r = await register(5, 'file.attente@exemple.invalid');
    expect(r.status).toBe(201);
    // The relay still holds the message (or the worker has not even picked it up): no email yet.
    expect(received).not.toContain('file.attente@exemple.invalid');
    hold = false;
    holding.forEach((f) => f());
    holding = [];
    await h.portal.settle();
    expect(received).toContain('file.attente@exemple.invalid');
    expect(await count('SELECT count(*) AS n FROM mail_queue')).toBe(0);
  });

  it('retries a refused email with backoff, then deletes it once sent', async () => {
    refuseNext = 2;
    expect((await register(6, 'relais.refus@exemple.invalid')).status).toBe(201);
    await h.portal.settle();
    expect(await count('SELECT attempts AS n FROM mail_queue')).toBe(1);
    await h.portal.settle(); // not due yet: nothing sent, nothing lost
    expect(await count('SELECT attempts AS n FROM mail_queue')).toBe(1);
    h.clock.advance(10);
    await h.portal.settle();
    expect(await count('SELECT attempts AS n FROM mail_queue')).toBe(2);
    h.clock.advance(20);
    await h.portal.settle();
    expect(received).toContain('relais.refus@exemple.invalid');
    expect(await count('SELECT count(*) AS n FROM mail_queue')).toBe(0);
  });
});
