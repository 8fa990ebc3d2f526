import type { CallName } from '../../../../shared/kiosk-api/calls';
import type { CallError } from '../../../../shared/kiosk-api/types';
import type { MessageKey } from './fr';

export type KioskErrorCode = CallError<CallName>;

/**
 * Error codes are stable IDs from the contract; this is the one place they become words.
 * Every code a call may answer must be listed, so a new code fails the typecheck until worded.
 */
const ERROR_MESSAGES = {
  unavailable: 'error.unavailable',
  internal: 'error.internal',
  unknown_call: 'error.internal',
  forbidden: 'error.forbidden',
  invalid_input: 'error.invalid_input',
} as const satisfies Record<KioskErrorCode, MessageKey>;

export const errorMessageKey = (code: string): MessageKey =>
  Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code)
    ? ERROR_MESSAGES[code as KioskErrorCode]
    : 'error.internal';
