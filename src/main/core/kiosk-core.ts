import { createDispatcher, type Dispatch, type KioskHandlers } from '../../shared/kiosk-api';
import { databasePath, type KioskConfig } from './config';
import { openKioskDatabase, type OpenedDb } from './db/open';
import { CaptchaService } from './captcha/captcha-service';
import { JourneyOutbox } from './flows/common/journey-outbox';
import { LoginFlow } from './flows/login/flow';
import { PasswordResetFlow } from './flows/password-reset/flow';
import { RegistrationFlow } from './flows/registration/flow';
import { appHandlers } from './handlers/app';
import { loginHandlers } from './handlers/login';
import { passwordResetHandlers } from './handlers/password-reset';
import { registrationHandlers } from './handlers/registration';
import { setupHandlers } from './handlers/setup';
import { staffHandlers } from './handlers/staff';
import { staffToolHandlers } from './handlers/staff-tools';
import { StaffTools } from './staff/staff-tools';
import { updateHandlers } from './handlers/updates';
import type { Logger } from './logger';
import { createPortalClient, unconfiguredPortalClient, type PortalClient } from './portal-client/client';
import { KioskEnrolment } from './portal-client/enrolment';
import type { Outbox } from './outbox/types';
import { KioskSync, type KioskSyncOptions } from './outbox/sync';
import { PortalMonitor } from './portal-status';
import { PortalEndpoint } from './setup/portal-endpoint';
import { KioskSetup } from './setup/service';
import { readStoredSetup, withStoredSetup } from './setup/stored-setup';
import { AssistedVisit } from './staff/assisted';
import { StaffService } from './staff/service';
import { KioskSettings } from './staff/settings';
import { loadTerms } from './terms';
import { UpdateScheduler, type UpdateSource } from './updates/scheduler';
import { VisitTracker } from './visits';

export interface KioskCoreOptions {
  config: KioskConfig;
  /** Key for the database file: from safeStorage in Electron, from configuration in the web shell. */
  databaseKey: string;
  resourcesDir: string;
  version: string;
  logger: Logger;
  /** The packaged kiosk's updater (electron-updater); absent in the web shell and unpackaged. */
  updateSource?: UpdateSource | null;
  /**
   * When given, the background work (the portal check, enrolment, the outbox and heartbeats, the
   * update checks) waits for it: the host says when the first screen has what it needs, so that
   * this work does not compete with the first paint. Otherwise it starts with the core.
   */
  backgroundAfter?: Promise<unknown>;
  /**
   * For tests: the clock of the flows, captcha answers they can type, and how long a journey
   * waits for the portal's answer to a queued write before saying it is saved.
   */
  testing?: {
    now?: () => Date;
    captchaAnswers?: () => string;
    answerWaitMs?: number;
    /** Outbox and heartbeat tuning (concurrency, backoff, intervals). */
    sync?: Pick<KioskSyncOptions, 'engine' | 'heartbeatMs'>;
  };
}

export interface KioskCore {
  readonly config: KioskConfig;
  readonly dispatch: Dispatch;
  readonly handlers: KioskHandlers;
  readonly database: OpenedDb;
  readonly portal: PortalMonitor;
  /** Null without a configured portal. */
  readonly enrolment: KioskEnrolment | null;
  /** Every write meant for the portal goes through it (issue #9). */
  readonly outbox: Outbox;
  /** The outbox engine, its sealing key and the heartbeats (for tests and staff figures). */
  readonly sync: KioskSync;
  close(): Promise<void>;
}

/** The kiosk core: plain Node, shared by the Electron main process and the web shell. */
export async function startKioskCore(options: KioskCoreOptions): Promise<KioskCore> {
  const { logger } = options;
  const database = await openKioskDatabase({
    file: databasePath(options.config),
    key: options.databaseKey,
    resourcesDir: options.resourcesDir,
  });
  // What staff chose on the set-up screen wins over the file (portal address, label, staff PIN).
  const config = withStoredSetup(options.config, await readStoredSetup(database.db));
  const portal = new PortalMonitor(config.portalUrl);
  const visits = new VisitTracker(database.db);
  let enrolment: KioskEnrolment | null = null;
  let client: PortalClient = unconfiguredPortalClient();
  let endpoint: PortalEndpoint | null = null;
  if (config.portalUrl) {
    const make = (baseUrl: string) =>
      createPortalClient({
        baseUrl,
        credential: () => enrolment!.credential(),
        userAgent: `mon-espace-locataire-borne/${options.version}`,
      });
    client = endpoint = new PortalEndpoint(make, config.portalUrl, () => void enrolment?.markRevoked());
    enrolment = new KioskEnrolment({
      db: database.db,
      client,
      enrolmentCode: config.enrolmentCode,
      label: config.kioskId,
      logger,
    });
  }
  const { now, captchaAnswers, answerWaitMs } = options.testing ?? {};
  const captcha = config.captcha
    ? new CaptchaService({ ...(now ? { now } : {}), ...(captchaAnswers ? { answers: captchaAnswers } : {}) })
    : null;
  // Only a live staff session starts one; every end of visit ends it (captcha back, idle as configured).
  const assisted = new AssistedVisit();
  visits.onWipe(() => assisted.end());
  const visitCaptcha = assisted.captcha(captcha);
  const terms = loadTerms(options.resourcesDir);
  const settings = new KioskSettings(database.db, config.language);
  const sync = new KioskSync({
    database,
    portal: client,
    monitor: portal,
    settings,
    version: options.version,
    logger,
    ...(now ? { now } : {}),
    ...options.testing?.sync,
  });
  // Without a portal nothing could ever be delivered: the journeys say so instead of queueing.
  const journey = new JourneyOutbox({
    outbox: config.portalUrl ? sync.outbox : null,
    logger,
    monitor: portal,
    assisted: () => assisted.active,
    now: () => (now ? now() : new Date()).getTime(),
    ...(answerWaitMs !== undefined ? { answerWaitMs } : {}),
  });
  const registration = new RegistrationFlow({
    portal: client,
    journey,
    captcha: visitCaptcha,
    termsVersion: terms.version,
    expireAfterSeconds: config.registration.expireAfterSeconds,
    logger,
    assisted: () => assisted.active,
    ...(now ? { now } : {}),
  });
  const login = new LoginFlow({ portal: client, journey, logger, ...(now ? { now } : {}) });
  visits.onWipe(() => {
    registration.wipe();
    captcha?.wipe();
  });
  // The session ends with the visit (« Terminer », idle, a new visit): logged out at the portal too.
  visits.onWipe(() => login.wipe());
  const passwordReset = new PasswordResetFlow({
    journey,
    captcha: visitCaptcha,
    expireAfterSeconds: config.passwordReset.expireAfterSeconds,
    logger,
    ...(now ? { now } : {}),
  });
  // The address typed for a forgotten password goes with the visit (its captcha goes above).
  visits.onWipe(() => passwordReset.wipe());
  const staff = new StaffService({
    db: database.db,
    pinHash: config.staff.pinHash,
    kioskId: config.kioskId,
    version: options.version,
    settings,
    portal,
    enrolment,
    // As long as the screen's own idle wait: staff who walk away are logged out either way.
    sessionIdleMs: (config.idle.warnAfterSeconds + config.idle.countdownSeconds) * 1000,
    logger,
    outbox: sync.outbox,
    assisted,
    visits,
    // Twice the tenant's quiet time: staff explain, the tenant looks for a paper.
    assistedIdle: {
      warnAfterSeconds: config.idle.warnAfterSeconds * 2,
      countdownSeconds: config.idle.countdownSeconds,
    },
    ...(now ? { now } : {}),
  });
  const clock = () => (now ? now() : new Date()).getTime();
  const tools = new StaffTools({ staff, journey, portal: client, assisted, registration, logger, now: clock });
  // A staff session ends with the visit: « Terminer », idle, the next visit, a restart.
  visits.onWipe((reason) => staff.endSession(reason));
  const setup =
    enrolment && endpoint
      ? new KioskSetup({ db: database.db, config, enrolment, endpoint, monitor: portal, sync, staff, logger })
      : null;
  // A re-enrolment left open ends with the staff session's visit.
  visits.onWipe(() => void setup?.cancel());
  const updates = new UpdateScheduler({
    source: options.updateSource ?? null,
    config: config.updates,
    version: options.version,
    visitInProgress: () => visits.inProgress(),
    logger,
  });
  const handlers: KioskHandlers = {
    ...appHandlers({
      config,
      version: options.version,
      portal,
      visits,
      settings,
      outbox: config.portalUrl ? sync.outbox : null,
      ...(now ? { now } : {}),
    }),
    ...registrationHandlers({ flow: registration, captcha: visitCaptcha, terms }),
    ...staffHandlers({ staff, settings }),
    ...staffToolHandlers({ tools, login }),
    ...loginHandlers({ flow: login }),
    ...passwordResetHandlers({ flow: passwordReset }),
    ...updateHandlers({ staff, updates }),
    ...setupHandlers(setup),
  };
  const dispatch = createDispatcher(handlers, {
    onDefect: (call, kind, error) => logger.error({ call, kind, err: error }, 'kiosk call failed'),
  });
  let closing = false;
  async function startBackground(): Promise<void> {
    if (closing) return;
    portal.start();
    updates.start();
    // Enrol now rather than in front of the first tenant (who would wait for it); a portal that is
    // down is tried again on the next call that needs the credential.
    enrolment?.credential().catch((error: unknown) => logger.error({ err: error }, 'kiosk enrolment failed'));
    // Rows an earlier run left are delivered as soon as the portal answers (not enrolled yet: they wait).
    if (config.portalUrl) await sync.start();
  }
  const background = options.backgroundAfter
    ? options.backgroundAfter
        .then(startBackground)
        .catch((error: unknown) => logger.error({ err: error }, 'kiosk background start failed'))
    : await startBackground();
  logger.info({ kioskId: config.kioskId, portal: portal.status.portal }, 'kiosk core started');
  return {
    config,
    dispatch,
    handlers,
    database,
    portal,
    enrolment,
    outbox: sync.outbox,
    sync,
    async close() {
      closing = true;
      await background;
      portal.stop();
      await sync.stop();
      updates.stop();
      registration.wipe();
      passwordReset.wipe();
      await visits.end('restart').catch(() => undefined);
      await staff.settle();
      await login.settle();
      database.close();
    },
  };
}
