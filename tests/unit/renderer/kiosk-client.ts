import type { CallName } from '../../../src/shared/kiosk-api/calls';
import type { CallInput, CallResult, KioskClient } from '../../../src/shared/kiosk-api/types';

export type Answers = { [N in CallName]?: (input: CallInput<N>) => CallResult<N> | Promise<CallResult<N>> };

/**
 * The contract's client answering what the test says (a call it does not list answers
 * `unavailable`), recording each call's name in `calls`.
 */
export function client(answers: Answers, calls: string[] = []): KioskClient {
  return new Proxy({} as KioskClient, {
    get: (_, name: string) => (input: unknown) => {
      calls.push(name);
      const answer = (answers as Record<string, (i: unknown) => unknown>)[name];
      return Promise.resolve(answer ? answer(input) : { ok: false, error: { code: 'unavailable' } });
    },
  });
}

/** A captcha the kiosk does not ask for: the forms go without it. */
export const noCaptcha = () => ({ ok: true, value: { required: false } }) as CallResult<'newCaptcha'>;
