import { eq, sql } from 'drizzle-orm';
import { accounts, signatories } from '../../src/portal/db/schema';
import type { SignatoryRow } from '../../src/portal/signatories/store';
import { startCutProxy, type CutProxy } from '../unit/registration/cut-proxy';
import { startKiosk, stopKiosk } from './fixtures';
import { expect, test as resetTest, type ResetPortal } from './password-reset-helpers';

/**
 * A demo portal run by the test, behind a TCP proxy the test can cut: the kiosk (captcha off) is
 * given the proxy's URL, so « the portal stopped » is one call, and so is its return.
 */
export const test = resetTest.extend<{ portalLink: CutProxy }>({
  portalLink: async ({ portal }, use) => {
    const proxy = await startCutProxy(portal.url);
    await use(proxy);
    await proxy.close();
  },
  kiosk: async ({ portal, portalLink: proxy, kioskEnv }, use, info) => {
    const kiosk = await startKiosk({
      args: ['--portal-url', proxy.url],
      env: { KIOSK_ENROLMENT_CODE: portal.demo.enrolmentCode!, KIOSK_CAPTCHA: 'false', ...kioskEnv },
    });
    // A kiosk that never had the portal's public key cannot keep anything sealed: the tests
    // cut the link only once it has fetched it (as any kiosk in service has).
    await expect.poll(() => proxy.answered.includes('GET /v1/keys 200'), { timeout: 30_000 }).toBe(true);
    await use(kiosk);
    await stopKiosk(kiosk, info);
  },
});
export { expect };

/** How many accounts the portal holds for this signatory (exactly once, or not at all). */
export async function accountsFor(portal: ResetPortal, tenant: SignatoryRow): Promise<number> {
  const row = await portal.demo.portal.db
    .select({ n: sql<number>`count(*)` })
    .from(accounts)
    .innerJoin(signatories, eq(accounts.signatoryId, signatories.id))
    .where(
      sql`${signatories.accountNumber} = ${tenant.accountNumber} and ${signatories.firstName} = ${tenant.firstName}`,
    )
    .get();
  return row!.n;
}
