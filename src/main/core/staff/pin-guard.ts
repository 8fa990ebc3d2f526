import { eq } from 'drizzle-orm';
import type { KioskDb } from '../db/open';
import { staffPinGuard } from '../db/schema';

/** Wrong PINs in a row before the staff entry locks. */
export const MAX_WRONG_PINS = 5;
/** The first lock-out; each next one (without a right PIN between) doubles, up to a day. */
export const FIRST_LOCKOUT_SECONDS = 5 * 60;
export const MAX_LOCKOUT_SECONDS = 24 * 60 * 60;

const ROW = 1;

/**
 * Counts wrong staff PINs for this kiosk in its database, so switching the kiosk off and on
 * again does not give more tries. Five wrong in a row lock the entry for 5 minutes, then 10,
 * 20… (a 4-digit PIN would otherwise fall to patience); a right PIN clears it all.
 */
export class PinGuard {
  constructor(
    private readonly db: KioskDb,
    private readonly now: () => Date,
  ) {}

  /** Seconds left of a lock-out, or 0 when a PIN may be tried. */
  async lockedFor(): Promise<number> {
    const row = await this.#row();
    if (!row?.lockedUntil) return 0;
    const left = Math.ceil((Date.parse(row.lockedUntil) - this.now().getTime()) / 1000);
    return Math.max(0, left);
  }

  /** A wrong PIN; returns the lock-out it causes in seconds, or 0. */
  async recordFailure(): Promise<number> {
    const row = await this.#row();
    const failures = (row?.failures ?? 0) + 1;
    let lockouts = row?.lockouts ?? 0;
    let lockedUntil: string | null = null;
    let seconds = 0;
    if (failures >= MAX_WRONG_PINS) {
      seconds = Math.min(MAX_LOCKOUT_SECONDS, FIRST_LOCKOUT_SECONDS * 2 ** lockouts);
      lockouts += 1;
      lockedUntil = new Date(this.now().getTime() + seconds * 1000).toISOString();
    }
    await this.#write({ failures: seconds ? 0 : failures, lockouts, lockedUntil });
    return seconds;
  }

  async recordSuccess(): Promise<void> {
    await this.#write({ failures: 0, lockouts: 0, lockedUntil: null });
  }

  #row() {
    return this.db.select().from(staffPinGuard).where(eq(staffPinGuard.id, ROW)).get();
  }

  async #write(values: { failures: number; lockouts: number; lockedUntil: string | null }): Promise<void> {
    const updatedAt = this.now().toISOString();
    await this.db
      .insert(staffPinGuard)
      .values({ id: ROW, ...values, updatedAt })
      .onConflictDoUpdate({ target: staffPinGuard.id, set: { ...values, updatedAt } });
  }
}
