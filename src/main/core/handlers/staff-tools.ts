import type { HandlerGroup } from '../../../shared/kiosk-api';
import type { LoginFlow } from '../flows/login/flow';
import type { StaffTools } from '../staff/staff-tools';

export type StaffToolCalls = 'staffResendActivation' | 'loginResendActivation' | 'assistedWhy';

/** Tools for a tenant at the kiosk (issue #12): the services check sessions, visits and addresses. */
export const staffToolHandlers = ({
  tools,
  login,
}: {
  tools: StaffTools;
  login: Pick<LoginFlow, 'resendActivation'>;
}): HandlerGroup<StaffToolCalls> => ({
  staffResendActivation: ({ email, language }) => tools.resendActivation(email, language),
  loginResendActivation: ({ language }) => login.resendActivation(language),
  assistedWhy: () => tools.why(),
});
