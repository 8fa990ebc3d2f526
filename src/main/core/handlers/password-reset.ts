import type { HandlerGroup } from '../../../shared/kiosk-api';
import { ok } from '../../../shared/result';
import type { PasswordResetFlow } from '../flows/password-reset/flow';

export type PasswordResetCalls = 'getReset' | 'startReset' | 'cancelReset' | 'requestReset' | 'confirmReset';

/** Forgotten password: the flow does the work. Its captcha is drawn by `newCaptcha` (purpose `password-reset`). */
export const passwordResetHandlers = ({ flow }: { flow: PasswordResetFlow }): HandlerGroup<PasswordResetCalls> => ({
  getReset: async () => ok(flow.snapshot()),
  startReset: async () => ok(flow.start()),
  cancelReset: async () => {
    flow.wipe();
    return ok({ cancelled: true as const });
  },
  requestReset: (input) => flow.requestReset(input),
  confirmReset: (input) => flow.confirmReset(input),
});
