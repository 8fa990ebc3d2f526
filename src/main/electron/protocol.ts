import { protocol } from 'electron';
import { APP_SCHEME, serveStatic } from '../host/static-path';

/**
 * app:// behaves like https for the renderer (origin, fetch, secure context), so the UI is not a
 * file:// page with file-system reach. Must run before `ready`. Not corsEnabled: no other origin
 * may read it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer (out/renderer) on app://kiosk, with the CSP on every answer. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveStatic(rendererDir, request));
}
