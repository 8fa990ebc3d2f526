import type { HandlerGroup } from '../../../shared/kiosk-api';
import { ok } from '../../../shared/result';
import type { LoginFlow } from '../flows/login/flow';

export interface LoginDeps {
  flow: LoginFlow;
}

export type LoginCalls = 'getSession' | 'login' | 'logout';

/** Login: the flow holds the session; the renderer only hears who is signed in. */
export const loginHandlers = ({ flow }: LoginDeps): HandlerGroup<LoginCalls> => ({
  getSession: async () => ok(flow.session()),
  login: (input) => flow.login(input),
  logout: async () => ok(await flow.logout()),
});
