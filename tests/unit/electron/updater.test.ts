import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { electronUpdateSource } from '../../../src/main/electron/updater';
import { memoryLogger } from '../helpers/kiosk';

/** electron-updater's autoUpdater as far as the binding uses it. */
class FakeAutoUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  allowPrerelease = true;
  logger: unknown = console;
  feed: unknown = null;
  calls: unknown[][] = [];
  available = true;
  setFeedURL(options: unknown) {
    this.feed = options;
  }
  async checkForUpdates() {
    return { isUpdateAvailable: this.available, updateInfo: { version: '1.2.0' } };
  }
  async downloadUpdate() {
    this.calls.push(['download']);
    return [];
  }
  quitAndInstall(...args: unknown[]) {
    this.calls.push(['quitAndInstall', ...args]);
  }
}

describe('electron-updater binding', () => {
  it('uses the generic provider and leaves every download and install to the scheduler', async () => {
    const updater = new FakeAutoUpdater();
    const source = electronUpdateSource('https://portail.example/updates/', memoryLogger().logger, updater as never);
    expect(updater.feed).toEqual({ provider: 'generic', url: 'https://portail.example/updates/' });
    expect(updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: false });
    expect(await source.check()).toEqual({ version: '1.2.0' });
    updater.available = false;
    expect(await source.check()).toBeNull();
    await source.download();
    source.install();
    expect(updater.calls).toEqual([['download'], ['quitAndInstall', true, true]]);
  });
});
