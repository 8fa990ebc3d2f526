import type { HandlerGroup } from '../../../shared/kiosk-api';
import { fail, ok } from '../../../shared/result';
import type { StaffService } from '../staff/service';
import type { UpdateScheduler } from '../updates/scheduler';

/** The version and the update on its way, for the staff panel only. */
export const updateHandlers = ({
  staff,
  updates,
}: {
  staff: StaffService;
  updates: UpdateScheduler;
}): HandlerGroup<'getUpdateStatus'> => ({
  getUpdateStatus: async () => (staff.isActive() ? ok(updates.status()) : fail('staff_locked')),
});
