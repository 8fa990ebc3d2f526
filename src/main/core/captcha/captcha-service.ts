import { randomBytes, timingSafeEqual } from 'node:crypto';
import { renderCaptcha, newAnswer } from './render';

export type CaptchaCheck = 'ok' | 'wrong' | 'expired';

export interface IssuedCaptcha {
  captchaId: string;
  image: string;
  width: number;
  height: number;
  expiresInSeconds: number;
}

interface Pending {
  purpose: string;
  answer: string;
  expiresAt: number;
}

export interface CaptchaServiceOptions {
  lifetimeSeconds?: number;
  now?: () => Date;
  /** Draws the answer; tests pass a known one. */
  answers?: () => string;
}

/** Only digits count: a tenant may type spaces between them. */
const normalise = (typed: string): string => typed.replace(/\s+/g, '');

/**
 * Captchas of the current visit, held in the kiosk core only: the renderer gets an image and an
 * opaque id, never the answer. One live captcha per form (purpose); each is checked once, whatever
 * the outcome, and dies after a few minutes.
 */
export class CaptchaService {
  readonly #pending = new Map<string, Pending>();
  readonly #lifetimeMs: number;
  readonly #now: () => Date;
  readonly #answers: () => string;

  constructor(options: CaptchaServiceOptions = {}) {
    this.#lifetimeMs = (options.lifetimeSeconds ?? 300) * 1000;
    this.#now = options.now ?? (() => new Date());
    this.#answers = options.answers ?? newAnswer;
  }

  issue(purpose: string): IssuedCaptcha {
    for (const [id, p] of this.#pending) if (p.purpose === purpose) this.#pending.delete(id);
    const captchaId = randomBytes(16).toString('base64url');
    const answer = this.#answers();
    this.#pending.set(captchaId, { purpose, answer, expiresAt: this.#now().getTime() + this.#lifetimeMs });
    return { captchaId, ...renderCaptcha(answer), expiresInSeconds: Math.round(this.#lifetimeMs / 1000) };
  }

  /** Spends the captcha. An unknown id reads as expired: it was used, replaced or wiped. */
  check(captchaId: string | undefined, purpose: string, typed: string | undefined): CaptchaCheck {
    if (!captchaId) return 'wrong';
    const pending = this.#pending.get(captchaId);
    if (!pending || pending.purpose !== purpose) return 'expired';
    this.#pending.delete(captchaId);
    if (this.#now().getTime() >= pending.expiresAt) return 'expired';
    const a = Buffer.from(normalise(typed ?? ''));
    const b = Buffer.from(pending.answer);
    return a.length === b.length && timingSafeEqual(a, b) ? 'ok' : 'wrong';
  }

  /** Forgets every captcha (end of visit). */
  wipe(): void {
    this.#pending.clear();
  }

  get size(): number {
    return this.#pending.size;
  }
}
