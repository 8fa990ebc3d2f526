/** A wait shown as « 0:42 », ticking while a screen shows it. */
export class Countdown {
  until = $state<number | null>(null);
  now = $state(Date.now());
  readonly left = $derived(this.until === null ? 0 : Math.max(0, Math.ceil((this.until - this.now) / 1000)));

  set(seconds: number): void {
    this.now = Date.now();
    this.until = this.now + seconds * 1000;
  }

  clear(): void {
    this.until = null;
  }

  /** Ticks every half second until the returned function is called. */
  attach(): () => void {
    const timer = setInterval(() => (this.now = Date.now()), 500);
    return () => clearInterval(timer);
  }
}
