import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema } from '../../../src/main/core/config';
import { startKioskCore, type KioskCore } from '../../../src/main/core/kiosk-core';
import { createLogger, type Logger } from '../../../src/main/core/logger';
import { findResourcesDir } from '../../../src/main/host/paths';
import type { CallName, CAPTCHA_PURPOSES } from '../../../src/shared/kiosk-api';
import { and, eq, sql } from 'drizzle-orm';
import { accounts, signatories } from '../../../src/portal/db/schema';
import { identityOf, STRONG_PASSWORD, type Harness, type TestClock } from '../portal/harness';

export const KIOSK_DB_KEY = 'test-key-0123456789abcdef';

/** A dispatcher answer as tests read it: whichever call, its fields are looked at one by one. */
export interface Answer {
  ok: boolean;
  value: {
    [key: string]: unknown;
    step?: string;
    captchaId?: string;
    required?: boolean;
    text?: string;
    language?: string;
  };
  error: { code: string; fields?: string[]; retryAfterSeconds?: number; hint?: string };
}

export interface TestKiosk {
  core: KioskCore;
  dataDir: string;
  /** Calls through the dispatcher, exactly as the renderer's bridge does. */
  call(name: CallName | string, input?: unknown): Promise<Answer>;
  /** The answer of the next captcha drawn. */
  nextCaptcha: string;
  close(): Promise<void>;
}

/** A kiosk core on a real encrypted libSQL file in a temp dir, pointed at `portalUrl`. */
export async function startTestKiosk(options: {
  portalUrl: string | null;
  enrolmentCode?: string | null;
  clock?: TestClock;
  config?: Record<string, unknown>;
  dataDir?: string;
  logger?: Logger;
  /** How long a journey waits for the portal's answer to a queued write (8 s otherwise). */
  answerWaitMs?: number;
}): Promise<TestKiosk> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-reg-'));
  const config = configSchema.parse({
    dataDir,
    portalUrl: options.portalUrl,
    enrolmentCode: options.enrolmentCode ?? null,
    logLevel: 'silent',
    ...options.config,
  });
  const kiosk = {} as TestKiosk;
  kiosk.nextCaptcha = '234567';
  const core = await startKioskCore({
    config,
    databaseKey: KIOSK_DB_KEY,
    resourcesDir: findResourcesDir(import.meta.dirname),
    version: '0.0.0-test',
    logger: options.logger ?? createLogger('silent'),
    testing: {
      ...(options.clock ? { now: options.clock.now } : {}),
      ...(options.answerWaitMs !== undefined ? { answerWaitMs: options.answerWaitMs } : {}),
      captchaAnswers: () => kiosk.nextCaptcha,
    },
  });
  return Object.assign(kiosk, {
    core,
    dataDir,
    call: async (name: string, input: unknown = {}) =>
      (await core.dispatch(name, input, { channel: 'web' })) as unknown as Answer,
    async close() {
      await core.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Draws a captcha for `purpose` and returns the fields a tenant would send with it. */
export async function solvedCaptcha(kiosk: TestKiosk, purpose: (typeof CAPTCHA_PURPOSES)[number], answer = '345678') {
  kiosk.nextCaptcha = answer;
  const drawn = await kiosk.call('newCaptcha', { purpose });
  if (!drawn.ok || !drawn.value.required) throw new Error('no captcha drawn');
  return { captchaId: drawn.value.captchaId!, captchaAnswer: answer };
}

/** Step 2's fields as a tenant types them (without the captcha). */
export const loginDetails = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  emailConfirmation: email,
  password: STRONG_PASSWORD,
  passwordConfirmation: STRONG_PASSWORD,
  acceptedTermsVersion: '2025-01',
  language: 'fr',
  ...extra,
});

/** How many accounts the portal holds for test signatory `i`: one once registered, never two. */
export async function accountsOf(h: Harness, i: number): Promise<number> {
  const id = identityOf(i);
  const row = await h.portal.db
    .select({ n: sql<number>`count(*)` })
    .from(accounts)
    .innerJoin(signatories, eq(accounts.signatoryId, signatories.id))
    .where(and(eq(signatories.accountNumber, id.accountNumber), eq(signatories.firstName, id.firstName)))
    .get();
  return row!.n;
}
