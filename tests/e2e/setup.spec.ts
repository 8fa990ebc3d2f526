import type { Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { kioskEvents } from '../../src/portal/db/schema';
import { revokeKiosk } from '../../src/portal/kiosks/service';
import { touchType } from './registration-helpers';
import { bridgeCall, expect, field, newCode, padKey, SETUP_PIN, tapDigits, test, VERIFY, W } from './setup-helpers';

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

test('a fresh kiosk is set up on screen by touch: a wrong code first, then the summary, then the chosen PIN opens staff mode', async ({
  page,
  portal,
}) => {
  // Every character is a tap, and each PIN check is scrypt at full cost.
  test.slow();
  await expect(heading(page, W.fr.title)).toBeVisible();
  await expect(field(page, W.fr.portal)).toHaveValue(portal.url);
  await expect(field(page, W.fr.label)).toHaveValue('borne-demo');

  await field(page, W.fr.code).tap();
  await touchType(page, 'zzzz-zzzz');
  await field(page, W.fr.label).tap();
  await touchType(page, ' 2');
  await field(page, W.fr.pin).tap();
  await tapDigits(page, SETUP_PIN);
  await field(page, W.fr.pinAgain).tap();
  await tapDigits(page, SETUP_PIN);
  await padKey(page, '{submit}').tap();
  await expect(page.getByText(W.fr.wrongCode)).toBeVisible(VERIFY);
  // Nothing typed is lost but the code and the PINs.
  await expect(field(page, W.fr.portal)).toHaveValue(portal.url);
  await expect(field(page, W.fr.label)).toHaveValue('borne-demo 2');
  await expect(field(page, W.fr.code)).toHaveValue('');
  await expect(field(page, W.fr.pin)).toHaveValue('');

  const { enrolmentCode, kioskId } = await newCode(portal, 'Par écran');
  await field(page, W.fr.code).tap();
  // Codes are read without case or dashes: lower case is quicker to tap.
  await touchType(page, enrolmentCode.toLowerCase());
  await field(page, W.fr.pin).tap();
  await tapDigits(page, SETUP_PIN);
  await field(page, W.fr.pinAgain).tap();
  await tapDigits(page, SETUP_PIN);
  await page.getByRole('button', { name: W.fr.submit }).tap();

  await expect(heading(page, W.fr.done)).toBeVisible(VERIFY);
  await expect(page.getByTestId('setup-kiosk-id')).toHaveText(kioskId);
  await expect(page.getByText(portal.demo.agencyCode, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: W.fr.finish, exact: true }).tap();
  await expect(page.getByTestId('setup-gate')).toHaveCount(0);
  await expect(page.getByText(W.fr.start)).toBeVisible();

  await page.getByRole('button', { name: 'Personnel', exact: true }).tap();
  await tapDigits(page, SETUP_PIN);
  await padKey(page, '{submit}').tap();
  await expect(page.getByRole('heading', { level: 2, name: 'État de la borne' })).toBeVisible(VERIFY);
});

test('revoked: « borne désactivée » with the outbox kept; staff enrol it again by PIN and the rows are delivered', async ({
  page,
  portal,
}) => {
  test.slow();
  const first = await newCode(portal, 'Bientôt révoquée');
  const enrolled = (await bridgeCall(page, 'setupEnrol', {
    portalUrl: portal.url,
    enrolmentCode: first.enrolmentCode,
    label: 'Accueil',
    pin: SETUP_PIN,
    pinAgain: SETUP_PIN,
  })) as { ok: boolean };
  expect(enrolled.ok).toBe(true);
  await expect(heading(page, W.fr.title)).toHaveCount(0);

  expect(await revokeKiosk(portal.demo.portal.db, first.kioskId, new Date())).toBe(true);
  // A staff action is audited through the outbox: its delivery meets the revocation.
  await bridgeCall(page, 'staffUnlock', { pin: SETUP_PIN });
  await bridgeCall(page, 'staffLeave');
  await expect(heading(page, W.fr.revoked)).toBeVisible(VERIFY);
  const status = async () => {
    await bridgeCall(page, 'staffUnlock', { pin: SETUP_PIN });
    return (await bridgeCall(page, 'staffStatus')) as {
      value: { outbox: { byKind: Record<string, { pending: number; refused: number }> } };
    };
  };
  const kept = (await status()).value.outbox.byKind.event!;
  expect(kept.pending).toBeGreaterThan(0);
  expect(kept.refused).toBe(0);
  await bridgeCall(page, 'staffLeave');

  await page.getByRole('button', { name: W.fr.newCode }).tap();
  await tapDigits(page, SETUP_PIN);
  await padKey(page, '{submit}').tap();
  await expect(heading(page, W.fr.reenrol)).toBeVisible(VERIFY);
  const second = await newCode(portal, 'De retour');
  await field(page, W.fr.code).tap();
  await touchType(page, second.enrolmentCode.toLowerCase());
  await page.getByRole('button', { name: W.fr.submit }).tap();
  await expect(heading(page, W.fr.done)).toBeVisible(VERIFY);
  await page.getByRole('button', { name: W.fr.finish, exact: true }).tap();
  await expect(page.getByText(W.fr.start)).toBeVisible();

  // What waited while the kiosk was revoked reaches the portal under its new enrolment.
  await expect
    .poll(
      async () =>
        (await portal.demo.portal.db.select().from(kioskEvents).where(eq(kioskEvents.kioskId, second.kioskId))).length,
      VERIFY,
    )
    .toBeGreaterThan(0);
});
