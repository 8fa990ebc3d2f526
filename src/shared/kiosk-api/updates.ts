import { z } from 'zod';
import { defineCall } from './define';

export const UPDATE_STATES = ['not_configured', 'idle', 'checking', 'downloading', 'ready', 'failed'] as const;

export const updateCalls = {
  /**
   * Staff only (staff_locked without a staff session): the running version and the update on its
   * way, installed at night between visits. `not_configured`: no update URL, or not a packaged kiosk.
   */
  getUpdateStatus: defineCall({
    input: z.strictObject({}),
    output: z.strictObject({
      version: z.string(),
      state: z.enum(UPDATE_STATES),
      pendingVersion: z.string().nullable(),
      checkedAt: z.iso.datetime().nullable(),
    }),
    errors: ['staff_locked'],
  }),
} as const;
