import type { PortalRouteName } from '../../../shared/portal-api/routes';
import type { PortalClient, PortalRequest, PortalResult, PortalValue } from '../portal-client/client';

/**
 * The portal client the kiosk core holds: its address can change when staff enrol the kiosk
 * with another one on the set-up screen, and every answer `kiosk_revoked` is reported once
 * (the kiosk then shows « borne désactivée » and stops sending).
 */
export class PortalEndpoint implements PortalClient {
  #url: string;
  #inner: PortalClient;

  constructor(
    private readonly make: (baseUrl: string) => PortalClient,
    url: string,
    private readonly onRevoked: () => void,
  ) {
    this.#url = url;
    this.#inner = make(url);
  }

  get url(): string {
    return this.#url;
  }

  get baseUrl(): string {
    return this.#inner.baseUrl;
  }

  retarget(url: string): void {
    if (url === this.#url) return;
    this.#url = url;
    this.#inner = this.make(url);
  }

  async call<N extends PortalRouteName>(name: N, request?: PortalRequest<N>): Promise<PortalResult<PortalValue<N>>> {
    const answer = await this.#inner.call(name, request);
    if (!answer.ok && answer.error.code === 'kiosk_revoked') this.onRevoked();
    return answer;
  }
}
