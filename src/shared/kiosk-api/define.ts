import { z } from 'zod';
import { ERROR_HINTS } from '../result';

/** Error codes any call may return, whatever it does: they come from the transport and the binder. */
export const COMMON_ERRORS = ['invalid_input', 'unknown_call', 'forbidden', 'unavailable', 'internal'] as const;
export type CommonError = (typeof COMMON_ERRORS)[number];

export interface CallSpec<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  E extends readonly string[] = readonly string[],
> {
  input: I;
  output: O;
  /** Codes this call may answer beyond the common ones; stable IDs that only the UI turns into words. */
  errors: E;
}

export const defineCall = <I extends z.ZodType, O extends z.ZodType, const E extends readonly string[] = []>(spec: {
  input: I;
  output: O;
  errors?: E;
}): CallSpec<I, O, E> => ({ input: spec.input, output: spec.output, errors: (spec.errors ?? []) as unknown as E });

/** Builds the schema of a call's answer, so both ends can check what crosses the boundary. */
export function resultSchema(spec: CallSpec) {
  const codes = [...COMMON_ERRORS, ...spec.errors] as [string, ...string[]];
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value: spec.output }),
    z.strictObject({
      ok: z.literal(false),
      error: z.strictObject({
        code: z.enum(codes),
        fields: z.array(z.string().max(64)).max(32).optional(),
        retryAfterSeconds: z.number().int().nonnegative().optional(),
        hint: z.enum(ERROR_HINTS).optional(),
      }),
    }),
  ]);
}
