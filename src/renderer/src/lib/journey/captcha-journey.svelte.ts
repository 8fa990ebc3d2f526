import type { CAPTCHA_PURPOSES } from '../../../../shared/kiosk-api/registration';
import type { KioskClient } from '../../../../shared/kiosk-api/types';
import type { Language } from '../../../../shared/locale';
import type { Captcha } from './fields';
import { JourneyController } from './journey-controller.svelte';

/**
 * A journey whose forms carry the captcha and whose end is an email sent to an address typed here:
 * first registration and forgotten password (`Step`: the core's steps of it).
 */
export abstract class CaptchaJourney<Step extends string> extends JourneyController {
  /** The core's step, as its last answer said (`none`: no flow yet). */
  step = $state<Step | 'none'>('none');
  /**
   * The tenant went back from step 2 to correct step 1 (or step 2 was refused for it): the core
   * stays at step 2 and takes step 1 again from there.
   */
  correcting = $state(false);
  captcha = $state.raw<Captcha | null>(null);
  captchaRequired = $state(true);
  /** The core's masked address of the email sent (« c•••@e•••.fr »). */
  maskedEmail = $state<string | null>(null);

  constructor(
    protected readonly api: KioskClient,
    protected readonly language: () => Language,
  ) {
    super();
  }

  /**
   * The address the email goes to, whole as the tenant typed it during this visit (so a typo can
   * be seen); the core's masked one only when the form no longer holds it.
   */
  protected shown(typed: string): string {
    return typed.trim() || this.maskedEmail || '';
  }

  /** Another captcha for the step on screen (the tenant touched the picture). */
  abstract newCaptcha(): Promise<void>;

  /** A problem with the whole step, worded above the form. */
  protected abstract flowNotice(code: string): void;

  /** A fresh captcha for the form of `purpose`, kept only if `wanted` still (the screen may have moved on). */
  protected async drawCaptcha(purpose: (typeof CAPTCHA_PURPOSES)[number], wanted: () => boolean): Promise<void> {
    const result = await this.guard(this.api.newCaptcha({ purpose }));
    if (!result || !wanted()) return;
    if (!result.ok) return this.flowNotice(result.error.code);
    const drawn = result.value;
    this.captchaRequired = drawn.required;
    this.captcha = drawn.required
      ? { id: drawn.captchaId, image: drawn.image, width: drawn.width, height: drawn.height }
      : null;
  }

  /** The end of the visit: the step, the captcha and the address go with it. */
  override endVisit(): void {
    super.endVisit();
    this.step = 'none';
    this.correcting = false;
    this.captcha = null;
    this.maskedEmail = null;
  }
}
