import { z } from 'zod';

/** Updates (docs/kiosk-station.md): where the landlord's IT publishes them, and when to look. */
export const updatesConfigSchema = z
  .strictObject({
    /** A folder on a web server holding latest.yml and the installers (electron-builder's generic provider). */
    url: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .default(null),
    /** How often to look for one while no visit is in progress. */
    checkEveryMinutes: z
      .number()
      .int()
      .min(15)
      .max(7 * 24 * 60)
      .default(240),
    /** A downloaded update is installed (the kiosk restarts) only between these local hours, with no visit. */
    installWindow: z
      .strictObject({
        fromHour: z.number().int().min(0).max(23).default(2),
        toHour: z.number().int().min(0).max(23).default(5),
      })
      .prefault({}),
  })
  .prefault({});
export type UpdatesConfig = z.output<typeof updatesConfigSchema>;
