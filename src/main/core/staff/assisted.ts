import type { AssistedJourney } from '../../../shared/kiosk-api/staff';
import type { CaptchaService } from '../captcha/captcha-service';

/**
 * The assisted visit (issue #12): a tenant helped by staff at the kiosk. Only a live staff session
 * starts one (StaffService.startAssisted); it lasts exactly as long as that visit, since the
 * visit's wipe ends it, so the next visit has its captcha back whatever the renderer says.
 */
export class AssistedVisit {
  #journey: AssistedJourney | null = null;

  get active(): boolean {
    return this.#journey !== null;
  }

  get journey(): AssistedJourney | null {
    return this.#journey;
  }

  begin(journey: AssistedJourney): void {
    this.#journey = journey;
  }

  end(): void {
    this.#journey = null;
  }

  /** The visit's captcha: none while staff stand beside the tenant (or when the kiosk has none). */
  captcha(service: CaptchaService | null): () => CaptchaService | null {
    return () => (this.active ? null : service);
  }
}
