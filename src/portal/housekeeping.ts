import { lt } from 'drizzle-orm';
import type { PortalContext } from './context';
import { idempotencyRecords } from './db/schema';
import { purgeAttemptRefs } from './registration/why';

/**
 * Deletes what has outlived its purpose: throttle rows whose window ended, idempotency records past
 * their retention. Every portal process runs it; the deletes are idempotent.
 */
export async function housekeep(ctx: PortalContext): Promise<void> {
  await ctx.throttle.purge();
  await purgeAttemptRefs(ctx);
  const before = new Date(ctx.now().getTime() - ctx.config.lifetimes.idempotencySeconds * 1000).toISOString();
  await ctx.db.delete(idempotencyRecords).where(lt(idempotencyRecords.createdAt, before));
}

export function startHousekeeping(ctx: PortalContext, everyMs = 60_000): { stop(): void } {
  const run = () => void housekeep(ctx).catch((error: unknown) => ctx.log.warn({ err: error }, 'housekeeping failed'));
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
