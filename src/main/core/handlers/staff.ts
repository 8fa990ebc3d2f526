import type { HandlerGroup } from '../../../shared/kiosk-api';
import { ok } from '../../../shared/result';
import type { StaffService } from '../staff/service';
import type { KioskSettings } from '../staff/settings';

export interface StaffDeps {
  staff: StaffService;
  settings: KioskSettings;
}

export type StaffCalls =
  | 'getAvailability'
  | 'staffEntry'
  | 'staffUnlock'
  | 'staffStatus'
  | 'staffSetDefaultLanguage'
  | 'staffSetOutOfService'
  | 'staffSyncNow'
  | 'staffStartAssisted'
  | 'staffLeave';

/** Staff mode: the service checks the PIN and the session; the attract screen reads availability. */
export const staffHandlers = ({ staff, settings }: StaffDeps): HandlerGroup<StaffCalls> => ({
  getAvailability: async () => ok({ outOfService: (await settings.get()).outOfService }),
  staffEntry: async () => ok(await staff.entry()),
  staffUnlock: ({ pin }) => staff.unlock(pin),
  staffStatus: () => staff.status(),
  staffSetDefaultLanguage: ({ language }) => staff.setDefaultLanguage(language),
  staffSetOutOfService: ({ outOfService }) => staff.setOutOfService(outOfService),
  staffSyncNow: () => staff.syncNow(),
  staffStartAssisted: ({ journey }) => staff.startAssisted(journey),
  staffLeave: () => staff.leave(),
});
