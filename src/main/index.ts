// Electron entry: wiring only. The built file is out/main/index.js; preload and renderer sit beside it.
import { join } from 'node:path';
import { app, dialog, safeStorage, session, type BrowserWindow } from 'electron';
import { loadConfig } from './core/config';
import { startKioskCore, type KioskCore } from './core/kiosk-core';
import { createLogger } from './core/logger';
import { findResourcesDir, packagedResourcesDir } from './host/paths';
import { electronDatabaseKey } from './electron/database-key';
import { registerKioskIpc } from './electron/ipc';
import { claimSingleInstance, closeCoreOnQuit, explainStartFailure, holdKioskWindow } from './electron/lifecycle';
import { electronUpdateSource } from './electron/updater';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { denyAllPermissions, lockDownAllContents } from './electron/security';
import { createKioskWindow, parseShellFlags } from './electron/window';

let currentWindow: () => BrowserWindow | null = () => null;
let core: KioskCore | null = null;

async function start(): Promise<void> {
  const config = loadConfig({ defaultDataDir: app.getPath('userData') });
  const logger = createLogger(config.logLevel);
  const { key, source } = await electronDatabaseKey({
    safeStorage,
    dataDir: config.dataDir,
    configuredKey: config.databaseKey,
  });
  if (source === 'config') logger.warn('no OS key store: the database key comes from the configuration');
  core = await startKioskCore({
    config,
    databaseKey: key,
    resourcesDir: app.isPackaged ? packagedResourcesDir(process.resourcesPath) : findResourcesDir(import.meta.dirname),
    version: app.getVersion(),
    logger,
    updateSource: app.isPackaged && config.updates.url ? electronUpdateSource(config.updates.url, logger) : null,
  });
  denyAllPermissions(session.defaultSession);
  serveRenderer(join(import.meta.dirname, '../renderer'));
  registerKioskIpc(core.dispatch);
  const flags = parseShellFlags(process.argv);
  const { dispatch } = core;
  const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
  currentWindow = holdKioskWindow(() => createKioskWindow({ flags, preloadPath, dispatch, logger }), flags.dev);
}

registerAppScheme();
lockDownAllContents();
if (claimSingleInstance(() => currentWindow())) {
  closeCoreOnQuit(() => core);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = explainStartFailure(error);
      process.stderr.write(`${message}\n`);
      dialog.showErrorBox('Mon espace locataire', message);
      app.exit(2);
    });
}
