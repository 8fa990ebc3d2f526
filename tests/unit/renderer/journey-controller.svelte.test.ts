import { describe, expect, it, vi } from 'vitest';
import { JourneyController } from '../../../src/renderer/src/lib/journey/journey-controller.svelte';

/** An answer the test releases when it wants: the call is still on its way meanwhile. */
function later<T>(): { promise: Promise<T>; answer: (value: T) => void } {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { promise, answer };
}

describe('JourneyController', () => {
  it('drops an answer that arrives after the end of its visit', async () => {
    const journey = new JourneyController();
    const call = later<string>();
    const guarded = journey.guard(call.promise);
    journey.endVisit();
    call.answer('for the previous visitor');
    expect(await guarded).toBeUndefined();
    // The next visit's answers come through.
    expect(await journey.guard(Promise.resolve('mine'))).toBe('mine');
  });

  it('runs one submit at a time, busy meanwhile, and frees the button after it', async () => {
    const journey = new JourneyController();
    const call = later<void>();
    let runs = 0;
    const first = journey.run(async () => {
      runs++;
      await call.promise;
    });
    expect(journey.busy).toBe(true);
    await journey.run(async () => void runs++);
    expect(runs).toBe(1);
    call.answer();
    await first;
    expect(journey.busy).toBe(false);
  });

  it('a visit that ends during a submit leaves the next visitor a free form and no notice', async () => {
    const journey = new JourneyController();
    const call = later<void>();
    let signalSeen: AbortSignal | undefined;
    const run = journey.run(async (signal) => {
      signalSeen = signal;
      await call.promise;
    });
    await vi.waitFor(() => expect(signalSeen).toBeDefined());
    journey.notice = 'error.internal';
    journey.endVisit();
    expect(journey.busy).toBe(false);
    expect(journey.notice).toBeNull();
    expect(signalSeen?.aborted).toBe(true);
    // The old submit ends later: it must not touch the new visit's state.
    const next = later<void>();
    const second = journey.run(() => next.promise);
    call.answer();
    await run;
    expect(journey.busy).toBe(true);
    next.answer();
    await second;
    expect(journey.busy).toBe(false);
  });

  it('a submit tapped before the screen has resumed runs once it has, and not at all if the visit ended', async () => {
    let resumed = later<void>();
    const journey = new (class extends JourneyController {
      override resume(): Promise<void> {
        return resumed.promise;
      }
    })();
    const detach = journey.attach();
    const steps: string[] = [];
    const run = journey.run(async () => void steps.push('first'));
    expect(journey.busy).toBe(true);
    await Promise.resolve();
    expect(steps).toEqual([]);
    resumed.answer();
    await run;
    expect(steps).toEqual(['first']);
    expect(journey.busy).toBe(false);

    resumed = later<void>();
    detach();
    const detachAgain = journey.attach();
    const stale = journey.run(async () => void steps.push('for the previous visitor'));
    journey.endVisit();
    resumed.answer();
    await stale;
    expect(steps).toEqual(['first']);
    detachAgain();
  });

  it('counts down from the last tick, never below zero', () => {
    const journey = new JourneyController();
    const at = journey.inSeconds(30);
    expect(journey.secondsUntil(at)).toBe(30);
    journey.now = at + 5_000;
    expect(journey.secondsUntil(at)).toBe(0);
    expect(journey.secondsUntil(null)).toBe(0);
  });
});
