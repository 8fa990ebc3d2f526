import { ok } from '../../../shared/result';
import type { HandlerGroup } from '../../../shared/kiosk-api';
import type { KioskConfig } from '../config';
import type { PortalMonitor } from '../portal-status';
import type { VisitTracker } from '../visits';
import { LANGUAGES } from '../../../shared/locale';

export interface AppDeps {
  config: KioskConfig;
  version: string;
  portal: PortalMonitor;
  visits: VisitTracker;
}

/** The kiosk itself: what it is, whether the portal answers, and the visit's start and end. */
export const appHandlers = ({
  config,
  version,
  portal,
  visits,
}: AppDeps): HandlerGroup<'getInfo' | 'getStatus' | 'startVisit' | 'endVisit'> => ({
  getInfo: async () =>
    ok({
      version,
      kioskId: config.kioskId,
      defaultLanguage: config.language,
      languages: [...LANGUAGES],
      idle: { ...config.idle },
    }),
  getStatus: async () => ok({ ...portal.status }),
  startVisit: async () => {
    await visits.start();
    return ok({ started: true as const });
  },
  endVisit: async ({ reason }) => {
    await visits.end(reason);
    return ok({ wiped: true as const });
  },
});
