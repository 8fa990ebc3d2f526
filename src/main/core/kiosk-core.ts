import { createDispatcher, type Dispatch, type KioskHandlers } from '../../shared/kiosk-api';
import { databasePath, type KioskConfig } from './config';
import { openKioskDatabase, type OpenedDb } from './db/open';
import { appHandlers } from './handlers/app';
import type { Logger } from './logger';
import { PortalMonitor } from './portal-status';
import { VisitTracker } from './visits';

export interface KioskCoreOptions {
  config: KioskConfig;
  /** Key for the database file: from safeStorage in Electron, from configuration in the web shell. */
  databaseKey: string;
  resourcesDir: string;
  version: string;
  logger: Logger;
}

export interface KioskCore {
  readonly config: KioskConfig;
  readonly dispatch: Dispatch;
  readonly handlers: KioskHandlers;
  readonly database: OpenedDb;
  readonly portal: PortalMonitor;
  close(): Promise<void>;
}

/** The kiosk core: plain Node, shared by the Electron main process and the web shell. */
export async function startKioskCore(options: KioskCoreOptions): Promise<KioskCore> {
  const { config, logger } = options;
  const database = await openKioskDatabase({
    file: databasePath(config),
    key: options.databaseKey,
    resourcesDir: options.resourcesDir,
  });
  const portal = new PortalMonitor(config.portalUrl);
  const visits = new VisitTracker(database.db);
  const handlers: KioskHandlers = {
    ...appHandlers({ config, version: options.version, portal, visits }),
  };
  const dispatch = createDispatcher(handlers, {
    onDefect: (call, kind, error) => logger.error({ call, kind, err: error }, 'kiosk call failed'),
  });
  portal.start();
  logger.info({ kioskId: config.kioskId, portal: portal.status.portal }, 'kiosk core started');
  return {
    config,
    dispatch,
    handlers,
    database,
    portal,
    async close() {
      portal.stop();
      await visits.end('restart').catch(() => undefined);
      database.close();
    },
  };
}
