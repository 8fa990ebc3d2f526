import { kioskApi, type CallName } from './calls';
import { resultSchema } from './define';

const built: Partial<Record<CallName, ReturnType<typeof resultSchema>>> = {};

/**
 * The schema of a call's answer, for the client and the dispatcher alike, built at the call's first
 * answer: a start builds the few its first screen needs, not all of them (≈ 16 ms of zod in the
 * kiosk core before its first answer, and as much in the page).
 */
export const answerSchema = (call: CallName): ReturnType<typeof resultSchema> =>
  (built[call] ??= resultSchema(kioskApi[call]));
