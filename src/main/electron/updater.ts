// electron-updater binding for the packaged kiosk. It does not import `electron` itself (the limit
// on files that do), and the scheduling it serves is plain Node: src/main/core/updates/.
import electronUpdater from 'electron-updater';
import type { Logger } from '../core/logger';
import type { UpdateSource } from '../core/updates/scheduler';

type AutoUpdater = (typeof electronUpdater)['autoUpdater'];

/**
 * An UpdateSource over electron-updater's generic provider: latest.yml in a folder the landlord's IT
 * hosts. electron-updater honours latest.yml's stagingPercentage (staged rollout), checks the
 * download's sha512 against latest.yml, and on Windows the installer's Authenticode signature
 * against the running app's publisher. Nothing downloads or installs unless the scheduler says so.
 */
export function electronUpdateSource(
  url: string,
  logger: Logger,
  updater: AutoUpdater = electronUpdater.autoUpdater,
): UpdateSource {
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.logger = null;
  updater.setFeedURL({ provider: 'generic', url });
  updater.on('error', (error: Error) => logger.warn({ err: error }, 'updater error'));
  return {
    async check() {
      const result = await updater.checkForUpdates();
      return result?.isUpdateAvailable ? { version: result.updateInfo.version } : null;
    },
    async download() {
      await updater.downloadUpdate();
    },
    install() {
      // Silent installer, then the kiosk starts again.
      updater.quitAndInstall(true, true);
    },
  };
}
