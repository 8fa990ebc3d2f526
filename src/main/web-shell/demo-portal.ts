import { join } from 'node:path';
import type { KioskConfig } from '../core/config';

export interface EmbeddedPortal {
  url: string;
  mailboxUrl: string;
  enrolmentCode: string;
  close(): Promise<void>;
}

const PORTAL_LEVELS = {
  fatal: 'error',
  error: 'error',
  warn: 'warn',
  info: 'warn',
  debug: 'debug',
  trace: 'debug',
  silent: 'silent',
} as const;

/** Where the embedded portal keeps its database: beside the kiosk's own, in its data dir. */
export const demoPortalDir = (kioskDataDir: string): string => join(kioskDataDir, 'demo-portal');

/**
 * The embedded default (DESIGN §2): with no portal configured, the reference portal runs in this
 * process on loopback with the fictional demo tenants and its mail catcher, and hands the kiosk a
 * fresh enrolment code. Loaded only then, so a kiosk with a real portal never loads portal code.
 */
export async function startEmbeddedPortal(
  kioskDataDir: string,
  logLevel: KioskConfig['logLevel'],
): Promise<EmbeddedPortal> {
  const { startDemoPortal } = await import('../../portal/demo');
  const demo = await startDemoPortal({
    dataDir: demoPortalDir(kioskDataDir),
    logLevel: PORTAL_LEVELS[logLevel],
    enrolment: 'code',
  });
  const enrolmentCode = demo.enrolmentCode;
  if (!enrolmentCode) {
    await demo.close();
    throw new Error('the demo portal gave no enrolment code');
  }
  return { url: demo.url, mailboxUrl: demo.mailboxUrl, enrolmentCode, close: () => demo.close() };
}
