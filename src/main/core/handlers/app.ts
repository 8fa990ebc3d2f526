import { fail, ok } from '../../../shared/result';
import type { HandlerGroup } from '../../../shared/kiosk-api';
import type { KioskConfig } from '../config';
import type { Outbox } from '../outbox/types';
import { linkState, type PortalMonitor } from '../portal-status';
import type { KioskSettings } from '../staff/settings';
import type { VisitTracker } from '../visits';
import { LANGUAGES } from '../../../shared/locale';

export interface AppDeps {
  config: KioskConfig;
  version: string;
  portal: PortalMonitor;
  visits: VisitTracker;
  /** Staff's settings: the default language and whether the kiosk is out of service. */
  settings: KioskSettings;
  /** Null without a configured portal. */
  outbox: Outbox | null;
  now?: () => Date;
}

/** The kiosk itself: what it is, whether the portal answers, and the visit's start and end. */
export const appHandlers = ({
  config,
  version,
  portal,
  visits,
  settings,
  outbox,
  now = () => new Date(),
}: AppDeps): HandlerGroup<'getInfo' | 'getStatus' | 'getLinkStatus' | 'startVisit' | 'endVisit'> => ({
  getInfo: async () =>
    ok({
      version,
      kioskId: config.kioskId,
      // Staff's choice when they made one, so every visit starts and ends in it.
      defaultLanguage: (await settings.get()).defaultLanguage,
      languages: [...LANGUAGES],
      idle: { ...config.idle },
    }),
  getStatus: async () => ok({ ...portal.status }),
  getLinkStatus: async () =>
    ok({
      link: linkState(portal.status.portal, outbox ? await outbox.figures() : null, now()),
      checkedAt: portal.status.checkedAt,
    }),
  startVisit: async () => {
    if ((await settings.get()).outOfService) return fail('out_of_service');
    await visits.start();
    return ok({ started: true as const });
  },
  endVisit: async ({ reason }) => {
    await visits.end(reason);
    return ok({ wiped: true as const });
  },
});
