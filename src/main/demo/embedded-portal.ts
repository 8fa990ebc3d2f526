import { join } from 'node:path';
import type { KioskConfig } from '../core/config';
import { DEMO_STAFF_PIN_HASH } from '../core/staff/demo-pin';

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
 * The embedded default (README « Two commands for a fresh machine »): with no portal configured, the reference portal runs in this
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

/** What the kiosk core needs to use the embedded portal instead of a configured one. */
export interface DemoWiring {
  portalUrl: string;
  enrolmentCode: string;
  /** The README's demo staff PIN, unless one is configured (a real portal never gets it). */
  staffPinHash: string;
}

/**
 * The one place the hosts (web shell, Electron launcher) decide on the demo: none when a portal
 * is configured; otherwise the embedded portal, started, and how to point the kiosk at it.
 */
export async function startDemoIfUnconfigured(
  config: KioskConfig,
): Promise<{ portal: EmbeddedPortal; wiring: DemoWiring } | null> {
  if (config.portalUrl) return null;
  const portal = await startEmbeddedPortal(config.dataDir, config.logLevel);
  const wiring = {
    portalUrl: portal.url,
    enrolmentCode: portal.enrolmentCode,
    staffPinHash: config.staff.pinHash ?? DEMO_STAFF_PIN_HASH,
  };
  return { portal, wiring };
}

/** The kiosk's configuration pointed at the embedded portal (the web shell runs the core in-process). */
export const withDemo = (config: KioskConfig, wiring: DemoWiring): KioskConfig => ({
  ...config,
  portalUrl: wiring.portalUrl,
  enrolmentCode: wiring.enrolmentCode,
  staff: { ...config.staff, pinHash: wiring.staffPinHash },
});

/** The same, as the environment of a kiosk core in another process (Electron's main process). */
export const demoEnvironment = (config: KioskConfig, wiring: DemoWiring): Record<string, string> => ({
  KIOSK_DATA_DIR: config.dataDir,
  KIOSK_PORTAL_URL: wiring.portalUrl,
  KIOSK_ENROLMENT_CODE: wiring.enrolmentCode,
  KIOSK_STAFF_PIN_HASH: wiring.staffPinHash,
});
