import type { HandlerGroup } from '../../../shared/kiosk-api';
import { fail, ok } from '../../../shared/result';
import type { KioskSetup } from '../setup/service';

type SetupCalls = 'setupState' | 'setupBegin' | 'setupCancel' | 'setupEnrol';

/** The set-up screen. Without a portal address anywhere there is nothing to set up: the demo or tests. */
export const setupHandlers = (setup: KioskSetup | null): HandlerGroup<SetupCalls> => ({
  setupState: async () =>
    ok(
      setup
        ? await setup.state()
        : { mode: 'ready' as const, portalUrl: '', label: '', pinRequired: false, locked: false },
    ),
  setupBegin: async () => (setup ? setup.begin() : fail('staff_locked')),
  setupCancel: async () => ok(setup ? await setup.cancel() : { mode: 'ready' as const }),
  setupEnrol: async (input) => (setup ? setup.enrol(input) : fail('setup_not_allowed')),
});
