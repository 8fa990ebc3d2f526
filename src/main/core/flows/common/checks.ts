import type { CallName, KioskApi } from '../../../../shared/kiosk-api/calls';
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

/** `invalid_fields` with its entries ("<field>:<reason>", reasons as the contract lists them). */
export const invalidFields = (fields: string[]) => fail('invalid_fields' as const, { fields });

/**
 * A flow's `fromPortal` as the answer of each of its kiosk calls: `refused(call, error, step)` maps
 * the portal's refusal at `step` and logs an unreachable portal's real cause. Each step's mapping
 * yields only codes its call lists (tested per flow, and checked again by the binder).
 */
export function refusalsFor<Step>(logger: Logger, fromPortal: (error: PortalCallError, step: Step) => Failure) {
  return <N extends CallName>(call: N, error: PortalCallError, step: Step) =>
    logUnreachable(logger, call, error, fromPortal(error, step)) as Failure<KioskApi[N]['errors'][number]>;
}
