import type { HandlerGroup } from '../../../shared/kiosk-api';
import type { LoginActivationResend } from '../flows/login/resend';
import type { StaffTools } from '../staff/staff-tools';

export type StaffToolCalls = 'staffResendActivation' | 'loginResendActivation' | 'assistedWhy';

/** Tools for a tenant at the kiosk (issue #12): the services check sessions, visits and addresses. */
export const staffToolHandlers = ({
  tools,
  loginResend,
}: {
  tools: StaffTools;
  loginResend: LoginActivationResend;
}): HandlerGroup<StaffToolCalls> => ({
  staffResendActivation: ({ email, language }) => tools.resendActivation(email, language),
  loginResendActivation: ({ language }) => loginResend.resend(language),
  assistedWhy: () => tools.why(),
});
