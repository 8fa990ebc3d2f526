import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_BY_EMAIL_HEADER } from '../../../src/shared/portal-api';
import { identityOf, startHarness, STRONG_PASSWORD, TEST_SIGNATORIES, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const queued = { [OUTCOME_BY_EMAIL_HEADER]: '1' };
const registration = (over: Record<string, unknown>) => ({
  identity: identityOf(5),
  email: 'someone@exemple.invalid',
  password: STRONG_PASSWORD,
  acceptedTermsVersion: '2025-01',
  ...over,
});
const register = (credential: string, body: object, options: { outcome?: boolean; key?: string } = {}) =>
  h.call('POST', '/v1/registrations', {
    credential,
    body,
    headers: options.outcome === false ? {} : queued,
    ...(options.key ? { idempotencyKey: options.key } : {}),
  });
/** Every email to `address` once the portal's mail queue is empty. */
async function mailsTo(address: string) {
  await h.portal.settle();
  // The in-process SMTP receiver stores a message just after the send resolves.
  await new Promise((r) => setTimeout(r, 50));
  return h.mailsTo(address);
}

describe('a queued registration refused: the outcome by email (issue 9, item 4)', () => {
  it('identity not confirmed: a short email to the address typed, in its language, saying what to do — nothing more', async () => {
    const { credential } = await h.enrolKiosk();
    const email = 'outcome-identity@exemple.invalid';
    const wrong = { ...identityOf(5), dateOfBirth: '1988-08-09' };
    const r = await register(credential, registration({ identity: wrong, email }));
    expect(r.body.error.code).toBe('identity_not_found');
    const [mail, ...more] = await mailsTo(email);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe('Votre inscription à l’espace locataire n’a pas abouti');
    expect(mail!.text).toContain('n’ont pas pu être confirmées');
    expect(mail!.text).toContain('recommencez l’inscription à la borne');
    const s = TEST_SIGNATORIES[5]!;
    for (const secret of [s.accountNumber, s.lastName, s.firstName, wrong.dateOfBirth, '1988'])
      expect(mail!.text + mail!.html).not.toContain(secret);
  });

  it('already registered and email in use: the same disclosure as the online screen, in English when asked', async () => {
    const { credential } = await h.enrolKiosk();
    expect(
      (await register(credential, registration({ email: 'first@exemple.invalid' }), { outcome: false })).status,
    ).toBe(201);
    const again = await register(credential, registration({ email: 'second@exemple.invalid', language: 'en' }));
    expect(again.body.error.code).toBe('already_registered');
    const [already] = await mailsTo('second@exemple.invalid');
    expect(already!.subject).toBe('Your tenant account registration did not go through');
    expect(already!.text).toContain('An account already exists for this tenant');
    expect(already!.text).not.toContain('first@exemple.invalid');

    const taken = await register(
      credential,
      registration({ identity: identityOf(6), email: 'FIRST@exemple.invalid', language: 'pt' }),
    );
    expect(taken.body.error.code).toBe('email_in_use');
    const inUse = (await mailsTo('FIRST@exemple.invalid')).filter((m) => m.subject.includes('did not go through'));
    expect(inUse).toHaveLength(1);
    expect(inUse[0]!.text).toContain('This email address is already used');
  });

  it('on success only the activation email goes; without the header a refusal sends nothing', async () => {
    const { credential } = await h.enrolKiosk();
    const ok = await register(credential, registration({ identity: identityOf(7), email: 'ok@exemple.invalid' }));
    expect(ok.status).toBe(201);
    const mails = await mailsTo('ok@exemple.invalid');
    expect(mails.map((m) => m.subject)).toEqual(['Activez votre espace locataire']);
    const online = await register(
      credential,
      registration({ email: 'online@exemple.invalid', acceptedTermsVersion: 'x' }),
      {
        outcome: false,
      },
    );
    expect(online.body.error.code).toBe('terms_outdated');
    expect(await mailsTo('online@exemple.invalid')).toHaveLength(0);
  });

  it('a retry of the same delivery replays the refusal and sends no second email', async () => {
    const { credential } = await h.enrolKiosk();
    const body = registration({ email: 'retry@exemple.invalid', acceptedTermsVersion: 'old' });
    const first = await register(credential, body, { key: 'outcome-retry-0001' });
    const second = await register(credential, body, { key: 'outcome-retry-0001' });
    expect([first.body.error.code, second.body.error.code]).toEqual(['terms_outdated', 'terms_outdated']);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await mailsTo('retry@exemple.invalid')).toHaveLength(1);
  });

  it('cannot be used to spam: 100 refusals at once to one address send 3 emails, and a kiosk sends at most 60 an hour', async () => {
    const { credential } = await h.enrolKiosk();
    const body = registration({ email: 'flood@exemple.invalid', acceptedTermsVersion: 'old' });
    const answers = await Promise.all(Array.from({ length: 100 }, () => register(credential, body)));
    expect(answers.every((a) => a.body.error.code === 'terms_outdated')).toBe(true);
    expect(await mailsTo('flood@exemple.invalid')).toHaveLength(3);

    const other = await h.enrolKiosk();
    await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        register(other.credential, registration({ email: `many-${i}@exemple.invalid`, acceptedTermsVersion: 'old' })),
      ),
    );
    await mailsTo('many-0@exemple.invalid');
    const sent = h.portal.mailbox!.messages().filter((m) => m.to.some((t) => t.startsWith('many-')));
    expect(sent).toHaveLength(60);
  });
});
