import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_STAFF_PIN, DEMO_STAFF_PIN_HASH } from '../../src/main/core/staff/demo-pin';
import { expect, test } from './offline-helpers';
import { demoTenant, keyboard, PASSWORD } from './registration-helpers';
import { checkScreen } from './screen-check';

/**
 * The offline screens — step 2 after a form-only step 1, the queued registration, the login that
 * cannot be checked, the status indicator's three states, the staff panel's outbox figures — in
 * portrait and landscape, French and Arabic: pictures (SHOTS_DIR), axe, nothing past the width.
 * In English, Arabic, Portuguese and Turkish, no French may be left on them.
 */
type Catalogue = Record<string, string>;
const messagesDir = join(import.meta.dirname, '..', '..', 'messages');
const catalogue = (language: string): Catalogue =>
  Object.assign(
    {},
    ...readdirSync(messagesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => JSON.parse(readFileSync(join(messagesDir, d.name, `${language}.json`), 'utf8')) as Catalogue),
  );
const OWN_NAMES = { fr: 'Français', en: 'English', ar: 'العربية', pt: 'Português', tr: 'Türkçe' } as const;
type Lang = keyof typeof OWN_NAMES;
const fr = catalogue('fr');

test.use({ kioskEnv: { KIOSK_STAFF_PIN_HASH: DEMO_STAFF_PIN_HASH } });

/** The visit is over: the attract screen, back in the default language (a language tapped before would be undone). */
const atAttract = (page: Page) => expect(page.getByRole('button', { name: fr['attract.prompt'] })).toBeVisible();

/** Walks the offline screens in `lang`, calling `at` on each. Demo tenants 90–99 are this spec's. */
async function offlineScreens(page: Page, lang: Lang, tenant: number, at: (name: string) => Promise<void>) {
  const words = catalogue(lang);
  const status = page.getByRole('status', { name: words['status.label'] });
  // Each visit starts, and ends, in the kiosk's default language (French).
  const visit = async () => {
    if (lang !== 'fr') await page.getByRole('navigation').getByRole('button', { name: OWN_NAMES[lang] }).tap();
    await page.getByRole('button', { name: words['attract.prompt'] }).tap();
  };
  await visit();
  await page.locator('.cards button').first().tap();
  const t = demoTenant(tenant);
  await page.locator('#reg-account').fill(t.accountNumber.slice(2));
  await page.locator('#reg-last-name').fill(t.lastName);
  await page.locator('#reg-first-name').fill(t.firstName);
  const [y, m, d] = t.dateOfBirth.split('-') as [string, string, string];
  await page.locator('#reg-birth-day').fill(d);
  await page.locator('#reg-birth-month').fill(m);
  await page.locator('#reg-birth-year').fill(y);
  await page.locator('form.step-form button[type="submit"]').tap();
  await expect(page.getByText(words['register.offline.identity']!)).toBeVisible();
  await at('step2-offline');
  const email = `e2e.shots${tenant}@example.org`;
  await page.locator('#reg-email').fill(email);
  await page.locator('#reg-email-confirmation').fill(email);
  await page.locator('#reg-password').fill(PASSWORD);
  await page.locator('#reg-password-confirmation').fill(PASSWORD);
  await page.locator('.terms input[type="checkbox"]').check();
  await page.locator('form.step-form button[type="submit"]').tap();
  await expect(page.getByRole('heading', { level: 2, name: words['register.queued.title'] })).toBeVisible({
    timeout: 20_000,
  });
  await expect(status).toContainText(words['status.offline']!, { timeout: 40_000 });
  await at('queued');

  await page.locator('.queued button.primary').tap();
  await atAttract(page);
  await visit();
  await page.locator('.cards button').nth(1).tap();
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(PASSWORD);
  await page.locator('form button[type="submit"]').tap();
  await expect(page.getByRole('heading', { level: 2, name: words['login.unavailable.title'] })).toBeVisible();
  await at('login-offline');

  await page.getByRole('button', { name: words['action.finish'] }).first().tap();
  await atAttract(page);
  if (lang !== 'fr') await page.getByRole('navigation').getByRole('button', { name: OWN_NAMES[lang] }).tap();
  await page.getByRole('button', { name: words['staff.entry.button'], exact: true }).tap();
  for (const digit of DEMO_STAFF_PIN) await keyboard(page).locator(`[data-skbtn="${digit}"]`).tap();
  await keyboard(page).locator('[data-skbtn="{submit}"]').tap();
  await expect(page.getByRole('heading', { level: 2, name: words['staff.outbox.title'] })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.locator('.figures tbody tr')).toHaveCount(6);
  // The PIN pad goes with the PIN field.
  await expect(keyboard(page)).toHaveCount(0);
  await at('staff-outbox');
}

for (const lang of ['fr', 'ar'] as const) {
  for (const [width, height] of [
    [1080, 1920],
    [1920, 1080],
  ] as const) {
    test(`offline screens ${width}×${height} ${lang}`, async ({ page, portalLink }, info) => {
      await page.setViewportSize({ width, height });
      const words = catalogue(lang);
      const shoot = (name: string) => checkScreen(page, info, 'offline', `${lang}-${name}`);
      if (lang !== 'fr') await page.getByRole('navigation').getByRole('button', { name: OWN_NAMES[lang] }).tap();
      await expect(page.getByRole('status', { name: words['status.label'] })).toContainText(words['status.online']!);
      await shoot('status-online');
      await portalLink.cut();
      await offlineScreens(page, lang, lang === 'fr' ? 90 : 91, shoot);

      // « Degraded » needs a portal that answers while rows wait: shown here as the core would say it.
      await page.route('**/api/call/getLinkStatus', (route) =>
        route.fulfill({ json: { ok: true, value: { link: 'degraded', checkedAt: new Date().toISOString() } } }),
      );
      await page.getByRole('button', { name: words['staff.leave'] }).tap();
      await atAttract(page);
      if (lang !== 'fr') await page.getByRole('navigation').getByRole('button', { name: OWN_NAMES[lang] }).tap();
      await expect(page.getByRole('status', { name: words['status.label'] })).toContainText(words['status.degraded']!, {
        timeout: 20_000,
      });
      await shoot('status-degraded');
    });
  }
}

for (const lang of ['en', 'ar', 'pt', 'tr'] as const) {
  test(`${lang}: no French left on the offline screens`, async ({ page, portalLink }) => {
    const words = catalogue(lang);
    const french = new Map(
      Object.entries(fr)
        .filter(([key, text]) => key !== '$schema' && !text.includes('{') && words[key] !== text)
        .map(([key, text]) => [text, key]),
    );
    const found: string[] = [];
    await portalLink.cut();
    await offlineScreens(page, lang, { en: 92, ar: 93, pt: 94, tr: 95 }[lang], async (where) => {
      const texts = await page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent?.trim();
          if (text) out.push(text);
        }
        for (const el of document.body.querySelectorAll('[aria-label],[title],[alt],[placeholder]'))
          for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
            const value = el.getAttribute(name)?.trim();
            if (value) out.push(value);
          }
        return out;
      });
      found.push(...texts.filter((w) => french.has(w)).map((w) => `${where}: ${french.get(w)} "${w}"`));
    });
    expect(found).toEqual([]);
  });
}
