import type { CallError, CallOutput } from '../../../../shared/kiosk-api/types';
import { DEFAULT_LANGUAGE, type Language } from '../../../../shared/locale';
import { fail, ok, type Result } from '../../../../shared/result';
import { sendActivationResend } from '../common/activation-resend';
import type { Logger } from '../../logger';
import type { JourneyOutbox } from '../common/journey-outbox';
import { secondsUntil } from '../common/machine';
import type { LoginFlow } from './flow';

type Answer = Result<
  CallOutput<'loginResendActivation'>,
  Exclude<
    CallError<'loginResendActivation'>,
    'invalid_input' | 'unknown_call' | 'forbidden' | 'unavailable' | 'internal'
  >
>;

/**
 * « Renvoyer l'email d'activation » on the login screen (issue #12): only after this visit's login
 * was answered `not_activated` — a right password — and only to the address typed for it, held
 * by the login flow; the screen never names an address. Recorded as a journey outcome, codes only.
 */
export class LoginActivationResend {
  constructor(
    private readonly options: {
      login: Pick<LoginFlow, 'notActivatedEmail'>;
      journey: JourneyOutbox;
      now: () => number;
      logger: Logger;
    },
  ) {}

  async resend(language: Language | undefined): Promise<Answer> {
    const email = this.options.login.notActivatedEmail;
    if (email === null) return fail('no_address');
    const { journey, now, logger } = this.options;
    const body = { email, language: language ?? DEFAULT_LANGUAGE };
    const sent = await sendActivationResend(journey, body, now, logger);
    await journey.record(
      'resend_activation',
      sent.ok ? (sent.value.queued ? 'queued' : 'requested') : sent.error.code,
      'login',
    );
    if (!sent.ok) return sent;
    return ok({
      queued: sent.value.queued,
      resendAvailableInSeconds: secondsUntil(sent.value.resendAvailableAt, now()),
    });
  }
}
