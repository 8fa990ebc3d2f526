import type { HandlerGroup } from '../../../shared/kiosk-api';
import { ok } from '../../../shared/result';
import type { CaptchaService } from '../captcha/captcha-service';
import type { RegistrationFlow } from '../flows/registration/flow';
import type { Terms } from '../terms';

export interface RegistrationDeps {
  flow: RegistrationFlow;
  /** The visit's captcha; null when the configuration or an assisted visit turns it off. */
  captcha: () => CaptchaService | null;
  terms: Terms;
}

export type RegistrationCalls =
  | 'newCaptcha'
  | 'getRegistration'
  | 'startRegistration'
  | 'cancelRegistration'
  | 'submitIdentity'
  | 'submitLoginDetails'
  | 'activateByCode'
  | 'resendActivation'
  | 'getTerms';

/** First registration: the flow does the work; captcha and terms are served beside it. */
export const registrationHandlers = ({ flow, captcha, terms }: RegistrationDeps): HandlerGroup<RegistrationCalls> => ({
  newCaptcha: async ({ purpose }) => {
    const service = captcha();
    return ok(service ? { required: true as const, ...service.issue(purpose) } : { required: false as const });
  },
  getRegistration: async () => ok(await flow.snapshot()),
  startRegistration: async () => ok(flow.start()),
  cancelRegistration: async () => {
    flow.wipe();
    return ok({ cancelled: true as const });
  },
  submitIdentity: (input) => flow.submitIdentity(input),
  submitLoginDetails: (input) => flow.submitLoginDetails(input),
  activateByCode: (input) => flow.activateByCode(input),
  resendActivation: (input) => flow.resendActivation(input),
  getTerms: async ({ language }) => ok(terms.get(language)),
});
