import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Result } from '../../../../shared/result';

type AnyResult = Result<unknown, string>;

/**
 * What makes a double tap harmless: a submission identical to one still running joins it, and
 * one identical to a submission that succeeded (while the flow is still where that left it) gets
 * the same answer. Identity is an HMAC of the input under a key that lives and dies with the flow,
 * so no password or name is kept in a recognisable form.
 */
export class Submissions {
  #secret = randomBytes(32);
  #epoch = 0;
  readonly #inFlight = new Map<string, Promise<AnyResult>>();
  readonly #replays = new Map<string, { fingerprint: string; step: string; answer: AnyResult }>();
  readonly #keys = new Map<string, string>();

  /** Forgets everything, and ignores the outcome of anything still running. */
  reset(): void {
    this.#epoch += 1;
    this.#secret = randomBytes(32);
    this.#inFlight.clear();
    this.#replays.clear();
    this.#keys.clear();
  }

  fingerprint(label: string, value: unknown): string {
    return createHmac('sha256', this.#secret)
      .update(`${label}\n${JSON.stringify(value)}`)
      .digest('base64url');
  }

  /** The same portal body within this flow gets the same Idempotency-Key, so the portal runs it once. */
  idempotencyKey(route: string, body: unknown): string {
    const fingerprint = this.fingerprint(route, body);
    let key = this.#keys.get(fingerprint);
    if (!key) {
      key = `reg-${randomUUID()}`;
      this.#keys.set(fingerprint, key);
    }
    return key;
  }

  /**
   * Runs `run` once per distinct input of `call`. `step` tells where the flow is now: a replay is
   * only given while the flow is still at the step the first success led to.
   */
  async once<T extends AnyResult>(
    call: string,
    input: unknown,
    options: { replay: boolean; step: () => string | null },
    run: () => Promise<T>,
  ): Promise<T> {
    const fingerprint = this.fingerprint(call, input);
    const done = this.#replays.get(call);
    if (options.replay && done?.fingerprint === fingerprint && done.step === options.step()) return done.answer as T;
    const key = `${call}:${fingerprint}`;
    const running = this.#inFlight.get(key);
    if (running) return running as Promise<T>;
    const epoch = this.#epoch;
    const promise = run().finally(() => {
      if (epoch === this.#epoch) this.#inFlight.delete(key);
    });
    this.#inFlight.set(key, promise);
    const answer = await promise;
    const step = options.step();
    if (answer.ok && epoch === this.#epoch && step) this.#replays.set(call, { fingerprint, step, answer });
    return answer;
  }
}
