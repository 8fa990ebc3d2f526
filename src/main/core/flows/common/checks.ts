import { fail, type Failure } from '../../../../shared/result';
import type { CaptchaService } from '../../captcha/captcha-service';
import type { Logger } from '../../logger';
import type { PortalCallError } from '../../portal-client/client';

type CaptchaFields = { captchaId?: string | undefined; captchaAnswer?: string | undefined };

/** The form's captcha: null when right (or when the kiosk's captcha is off), else the refusal. */
export function checkCaptcha(captcha: CaptchaService | null, purpose: string, input: CaptchaFields) {
  if (!captcha) return null;
  const check = captcha.check(input.captchaId, purpose, input.captchaAnswer);
  return check === 'ok' ? null : fail(check === 'expired' ? 'captcha_expired' : 'captcha_wrong');
}

/**
 * A portal refusal already mapped to the kiosk's code (each flow's `fromPortal`). When that is
 * `portal_unreachable` the tenant learns nothing more, so the real cause goes to the logs for staff
 * — its code and status only, never the body, which may hold personal data.
 */
export function logUnreachable<F extends Failure>(logger: Logger, call: string, error: PortalCallError, answer: F): F {
  if (answer.error.code === 'portal_unreachable')
    logger.warn({ call, code: error.code, status: error.status }, 'portal call failed');
  return answer;
}
