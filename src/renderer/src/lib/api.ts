import { createKioskClient } from '../../../shared/kiosk-api/client';
import type { KioskClient, Transport } from '../../../shared/kiosk-api/types';

/**
 * The web shell's bridge: one POST per call, authenticated by the HttpOnly cookie the launch URL
 * set. Refusals come as JSON results with a 4xx status, so the body is read whatever the status.
 */
export const fetchTransport =
  (base = '/api/call/'): Transport =>
  async (name, input) => {
    const response = await fetch(base + encodeURIComponent(name), {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    return (await response.json()) as unknown;
  };

/** In Electron the preload exposes the typed client; in a browser we build the same one over HTTP. */
export function kioskClient(): KioskClient {
  const exposed = (globalThis as { kiosk?: KioskClient }).kiosk;
  return exposed ?? createKioskClient(fetchTransport());
}
