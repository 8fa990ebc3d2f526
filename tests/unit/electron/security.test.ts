import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, lockDownAllContents } from '../../../src/main/electron/security';
import { app, fakeSession, FakeWebContents, vetoable } from './fake-electron';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electron));

/** Every web contents the app creates, through the app-wide hook, as Electron would. */
const created = () => {
  const contents = new FakeWebContents();
  app.emit('web-contents-created', vetoable(), contents);
  return contents;
};
lockDownAllContents();

const vetoed = (contents: FakeWebContents, event: string, url: string) => {
  const e = vetoable({ url });
  contents.emit(event, e, url);
  return e.preventDefault.mock.calls.length > 0;
};

describe('Electron security lock-down', () => {
  it('applies to every web contents created', () => {
    expect(app.listenerCount('web-contents-created')).toBe(1);
    const a = created();
    const b = created();
    for (const c of [a, b]) expect(c.setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });

  it('denies navigation and redirects away from app://kiosk, in every frame', () => {
    const contents = created();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of [
        'https://example.org/',
        'http://127.0.0.1:5180/',
        'file:///etc/passwd',
        'app://evil/index.html',
        'javascript:alert(1)',
        'about:blank',
        'data:text/html,x',
      ]) {
        expect({ event, url, vetoed: vetoed(contents, event, url) }).toEqual({ event, url, vetoed: true });
      }
      expect(vetoed(contents, event, 'app://kiosk/index.html')).toBe(false);
    }
  });

  it('denies every new window and prevents <webview>', () => {
    const contents = created();
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
    const attach = vetoable();
    contents.emit('will-attach-webview', attach, {}, { src: 'https://example.org/' });
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request, check and device', () => {
    const session = fakeSession();
    denyAllPermissions(session as never);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (
      c: unknown,
      p: string,
      cb: (v: boolean) => void,
    ) => void;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'fullscreen',
      'openExternal',
    ]) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(check(null, 'media', 'app://kiosk', {})).toBe(false);
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://kiosk' })).toBe(false);
  });

  it('locks the session of each created web contents too', () => {
    const contents = created();
    expect(contents.session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(contents.session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(contents.session.setDevicePermissionHandler).toHaveBeenCalledTimes(1);
  });
});
