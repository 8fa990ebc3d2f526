/**
 * How long a visit may stay untouched: no touch for `warnAfterSeconds` → « Êtes-vous toujours là ? »,
 * then `countdownSeconds` before the visit is wiped. The kiosk configuration's defaults (`idle.*`),
 * and what the renderer uses until getInfo answers.
 */
export const DEFAULT_IDLE: Readonly<IdleSettings> = { warnAfterSeconds: 90, countdownSeconds: 30 };

export interface IdleSettings {
  warnAfterSeconds: number;
  countdownSeconds: number;
}
