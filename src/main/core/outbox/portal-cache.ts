import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { KioskDb } from '../db/open';
import { portalCache } from '../db/schema';

/**
 * What the kiosk keeps from the portal to work offline, one JSON value per name, parsed with the
 * contract's schema on every read (a row from an older version that no longer parses is absent).
 */
export class PortalCache {
  constructor(
    private readonly db: KioskDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read<S extends z.ZodType>(name: string, schema: S): Promise<{ value: z.output<S>; fetchedAt: string } | null> {
    const row = await this.db.select().from(portalCache).where(eq(portalCache.name, name)).get();
    if (!row) return null;
    let json: unknown;
    try {
      json = JSON.parse(row.value);
    } catch {
      return null;
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? { value: parsed.data, fetchedAt: row.fetchedAt } : null;
  }

  async write(name: string, value: unknown): Promise<void> {
    const row = { value: JSON.stringify(value), fetchedAt: this.now().toISOString() };
    await this.db
      .insert(portalCache)
      .values({ name, ...row })
      .onConflictDoUpdate({ target: portalCache.name, set: row });
  }
}
