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

/**
 * In Electron the preload exposes the typed client; in a browser we build the same one over HTTP.
 * That one checks every call against the contract, and the contract (zod and its schemas) weighs
 * more than the first screen itself: it is fetched with the first call instead of before the
 * first paint.
 */
export function kioskClient(): KioskClient {
  const exposed = (globalThis as { kiosk?: KioskClient }).kiosk;
  if (exposed) return exposed;
  let loading: Promise<KioskClient> | null = null;
  const client = () =>
    (loading ??= import('../../../shared/kiosk-api/client').then((m) => m.createKioskClient(fetchTransport())));
  return new Proxy({} as KioskClient, {
    get(_target, name) {
      // Not a thenable, and no symbol lookups: only call names reach the contract.
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (input: unknown) =>
        client().then((c) => (c as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name]!(input));
    },
  });
}
