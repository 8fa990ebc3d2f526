import type { CallOutput, KioskClient } from '../../../../shared/kiosk-api/types';

export type UpdateStatus = CallOutput<'getUpdateStatus'>;

/** The kiosk's update, read for the staff panel while it is on screen. */
export class UpdateStatusState {
  status = $state.raw<UpdateStatus | null>(null);

  constructor(private readonly api: KioskClient) {}

  async load(): Promise<void> {
    const result = await this.api.getUpdateStatus({});
    // Without a staff session the panel itself goes back to the PIN screen: nothing to show here.
    this.status = result.ok ? result.value : null;
  }

  /** Reads now, then every `everyMs` until the returned function is called. */
  attach(everyMs: number): () => void {
    void this.load();
    const timer = setInterval(() => void this.load(), everyMs);
    return () => clearInterval(timer);
  }
}
