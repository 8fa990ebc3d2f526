import type { z } from 'zod';

/** What a flow's pure `transition` answers: the next state, or why the event cannot happen now. */
export type TransitionResult<S> = { ok: true; state: S } | { ok: false; code: 'wrong_step' | 'invalid_state' };

/** Which steps each event may leave from: the one list of a flow's step guards. */
export type AllowedFrom<S extends { step: string }, E extends { type: string }> = {
  readonly [T in E['type']]: readonly S['step'][];
};

export interface Machine<
  S extends { step: string },
  E extends { type: string },
  A extends AllowedFrom<S, E> = AllowedFrom<S, E>,
> {
  readonly allowedFrom: AllowedFrom<S, E>;
  /** Where an event leads, or why it cannot happen now. Pure: the flow applies the result. */
  transition(state: S, event: E): TransitionResult<S>;
  /** Whether `event` may happen from `state` (what a call checks before it does any work). */
  allows<T extends E['type']>(state: S, event: T): state is Extract<S, { step: A[T][number] }>;
}

/**
 * A flow's state machine (see the `*.mermaid` beside each flow): `next` proposes the state an
 * allowed event leads to (null when the current state cannot give what it needs), and every
 * proposal is parsed with the flow's schema before it replaces the current state.
 */
export function defineMachine<
  S extends { step: string },
  E extends { type: string },
  const A extends AllowedFrom<S, E> = AllowedFrom<S, E>,
>(spec: { schema: z.ZodType<S>; allowedFrom: A; next: (state: S, event: E) => unknown }): Machine<S, E, A> {
  const allows = <T extends E['type']>(state: S, event: T): state is Extract<S, { step: A[T][number] }> =>
    spec.allowedFrom[event].includes(state.step);
  return {
    allowedFrom: spec.allowedFrom,
    allows,
    transition(state, event) {
      if (!allows(state, event.type)) return { ok: false, code: 'wrong_step' };
      const parsed = spec.schema.safeParse(spec.next(state, event));
      return parsed.success ? { ok: true, state: parsed.data } : { ok: false, code: 'invalid_state' };
    },
  };
}

/**
 * For a `next` that carries fields over: the event's data (its `type` aside) and the state's fields.
 * `allowedFrom` has checked the step already, and the schema checks whatever is carried over.
 */
export function carried<E extends { type: string }>(state: object, event: E) {
  const { type: _type, ...data } = event;
  return { data, held: state as Record<string, unknown> };
}

/**
 * Whole seconds from `now` to `at`, never negative (what the screens count down). A wait still
 * running (`at` > `now`) is at least 1.
 */
export const secondsUntil = (at: number, now: number) => Math.max(0, Math.ceil((at - now) / 1000));
