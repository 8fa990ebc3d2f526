import { expect, startKiosk, stopKiosk, test } from './fixtures';
import { openRegistration } from './registration-helpers';

/** getInfo as the page would call it: its status. */
const callStatus = () =>
  fetch('/api/call/getInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(
    (r) => r.status,
  );

test.describe('issue #10, from a real browser', () => {
  test('the launch link opens the kiosk once; the same link elsewhere gets a plain refusal', async ({ browser }) => {
    const kiosk = await startKiosk({ launch: false });
    try {
      const first = await browser.newContext();
      const page = await first.newPage();
      await page.goto(kiosk.launchUrl);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.evaluate(callStatus)).toBe(200);

      const second = await browser.newContext();
      const other = await second.newPage();
      const refused = await other.goto(kiosk.launchUrl);
      expect(refused!.status()).toBe(403);
      await expect(other.locator('p[lang="fr"]')).toHaveText(
        "Cette borne doit être redémarrée. Demandez de l'aide à l'accueil.",
      );
      await expect(other.locator('p[lang="ar"]')).toHaveAttribute('dir', 'rtl');
      expect(await other.evaluate(callStatus)).toBe(403);
      await Promise.all([first.close(), second.close()]);
    } finally {
      await stopKiosk(kiosk);
    }
  });

  for (const viewport of [
    { width: 1080, height: 1920 },
    { width: 1920, height: 1080 },
  ]) {
    test(`the captcha picture shows under the strict CSP (${viewport.width}×${viewport.height})`, async ({
      page,
    }, info) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.setViewportSize(viewport);
      await page.reload();
      await openRegistration(page);
      const picture = page.getByRole('button', { name: 'Nouvelle image' }).locator('img');
      for (let i = 0; i < 3; i++) {
        await expect(picture).toHaveAttribute('src', /^data:image\/png;base64,/);
        await expect
          .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
          .toBe(360);
        await picture.scrollIntoViewIfNeeded();
        await page.screenshot({ path: info.outputPath(`captcha-${viewport.width}x${viewport.height}-${i}.png`) });
        await page
          .locator('div.captcha')
          .screenshot({ path: info.outputPath(`captcha-field-${viewport.width}x${viewport.height}-${i}.png`) });
        const shown = await picture.getAttribute('src');
        await page.getByRole('button', { name: 'Nouvelle image' }).tap();
        await expect(picture).not.toHaveAttribute('src', shown!);
      }
      expect(violations).toEqual([]);
    });
  }
});
