import { fail } from '../result';
import { answerSchema } from './answers';
import { CALL_NAMES, kioskApi, type CallName } from './calls';
import type { CallResult, KioskClient, Transport } from './types';

/**
 * The typed client, generated from the contract. Used by the preload (over IPC) and by the
 * renderer's web-shell bridge (over HTTP). It checks input before sending, so a mistake is caught
 * where it is made, and checks every answer, so the UI never acts on malformed data.
 */
export function createKioskClient(transport: Transport): KioskClient {
  const call = async (name: CallName, input: unknown): Promise<unknown> => {
    const parsedInput = kioskApi[name].input.safeParse(input);
    if (!parsedInput.success) {
      return fail('invalid_input', { fields: parsedInput.error.issues.map((i) => i.path.join('.')).slice(0, 32) });
    }
    let raw: unknown;
    try {
      raw = await transport(name, parsedInput.data);
    } catch {
      return fail('unavailable');
    }
    const answer = answerSchema(name).safeParse(raw);
    return answer.success ? answer.data : fail('internal');
  };
  const client = {} as Record<CallName, (input: unknown) => Promise<unknown>>;
  for (const name of CALL_NAMES) client[name] = (input) => call(name, input);
  return client as unknown as KioskClient;
}

export type { CallResult };
