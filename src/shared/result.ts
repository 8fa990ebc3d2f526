/**
 * Results crossing a boundary (IPC, the web-shell bridge, the portal API) are plain data:
 * never thrown errors, whose messages and stacks could leak internals or personal data.
 */
export type Failure<C extends string = string> = {
  ok: false;
  error: { code: C; fields?: string[]; retryAfterSeconds?: number; hint?: ErrorHint };
};
/** Extra help a refusal may carry (a stable ID the UI turns into words); never personal data. */
export const ERROR_HINTS = ['names_swapped'] as const;
export type ErrorHint = (typeof ERROR_HINTS)[number];

export type Success<T> = { ok: true; value: T };
export type Result<T, C extends string = string> = Success<T> | Failure<C>;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });

export const fail = <C extends string>(code: C, extra: Omit<Failure<C>['error'], 'code'> = {}): Failure<C> => ({
  ok: false,
  error: { code, ...extra },
});
