import type { PortalErrorCode } from '../../../../shared/portal-api/errors';
import { portalRoutes, type PortalRouteName } from '../../../../shared/portal-api/routes';
import { fail, type Failure } from '../../../../shared/result';
import type { CaptchaService } from '../../captcha/captcha-service';
import type { Logger } from '../../logger';
import type { PortalCallError } from '../../portal-client/client';

type CaptchaFields = { captchaId?: string | undefined; captchaAnswer?: string | undefined };

/**
 * The form's own refusal, before anything reaches the portal: its `invalid_fields` (`problems`),
 * else a wrong or expired captcha (none when the kiosk's captcha is off); null when both are right.
 */
export function checkForm(
  problems: string[],
  captcha?: CaptchaService | null,
  purpose = '',
  input: CaptchaFields = {},
) {
  if (problems.length > 0) return invalidFields(problems);
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
 * A flow's mapping of one portal route's refusals to the kiosk's codes. Expected: the route's error
 * list in the portal contract, plus `invalid_input` where the flow sends a body the portal may check
 * more strictly than the kiosk did (`input`), minus the codes the flow handles before it maps one
 * (`except`). Any other refusal is not the tenant's to fix (`portal_unreachable`; staff see the real
 * cause in the logs), so a code added to a route reaches the flows from here.
 */
export function refusalMap<C extends string>(spec: {
  route: PortalRouteName;
  input?: boolean;
  except?: readonly PortalErrorCode[];
  /** Portal codes the screens know by another name; the rest keep the portal's. */
  renamed?: Readonly<Partial<Record<PortalErrorCode, C>>>;
  /** Whether the portal's wait is passed on (a code screen has no countdown). */
  retry?: boolean;
  /** The field a `weak_password` is about; the screens' entries for an `invalid_input`'s paths. */
  password?: string;
  fields?: (paths: string[]) => string[];
}): (error: PortalCallError) => Failure<C | 'portal_unreachable'> {
  const expected = new Set<string>(portalRoutes[spec.route].errors);
  if (spec.input) expected.add('invalid_input');
  for (const code of spec.except ?? []) expected.delete(code);
  return (error) => {
    if (!expected.has(error.code)) return fail('portal_unreachable');
    // Both only where the route may send them, so where `C` has `invalid_fields`.
    if (error.code === 'weak_password')
      return invalidFields((error.rules ?? ['not_common']).map((rule) => `${spec.password}:${rule}`)) as Failure<C>;
    if (error.code === 'invalid_input') return invalidFields(spec.fields?.(error.fields ?? []) ?? []) as Failure<C>;
    const retry = spec.retry && error.retryAfterSeconds !== undefined;
    return fail(spec.renamed?.[error.code as PortalErrorCode] ?? (error.code as C), {
      ...(retry ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      ...(error.hint ? { hint: error.hint } : {}),
    });
  };
}
