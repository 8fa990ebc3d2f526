import { fail, type Failure, type Result } from '../result';
import { isCallName, kioskApi, type CallName } from './calls';
import { answerSchema } from './answers';
import type { CallContext, KioskHandlers } from './types';

export type Dispatch = (call: unknown, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export interface BinderOptions {
  /** Told of a handler that threw or answered outside the contract; must not log the input. */
  onDefect?: (call: CallName, kind: 'threw' | 'bad_output', error?: unknown) => void;
}

type Issue = { path: readonly PropertyKey[]; code?: string; keys?: readonly string[] };
/** Names the fields at fault (unknown keys by name), never their values. */
const fieldsOf = (issues: readonly Issue[]): string[] => {
  const names = issues.flatMap((i) => {
    const at = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys' && i.keys) return i.keys.map((k) => (at ? `${at}.${k}` : k));
    return [at || '(root)'];
  });
  return [...new Set(names.map((n) => n.slice(0, 64)))].slice(0, 32);
};

/**
 * The server side of the contract, generated from the same map as the client: it refuses unknown
 * calls, parses input strictly (unknown fields are refused), runs the handler, and checks its answer.
 * Whatever a caller sends, it answers a typed result; it never throws.
 */
export function createDispatcher(handlers: KioskHandlers, options: BinderOptions = {}): Dispatch {
  return async (call, input, ctx) => {
    if (!isCallName(call)) return fail('unknown_call');
    const parsed = kioskApi[call].input.safeParse(input);
    if (!parsed.success) return fail('invalid_input', { fields: fieldsOf(parsed.error.issues as readonly Issue[]) });
    let result: unknown;
    try {
      const handler = handlers[call] as (i: unknown, c: CallContext) => Promise<unknown>;
      result = await handler(parsed.data, ctx);
    } catch (error) {
      options.onDefect?.(call, 'threw', error);
      return fail('internal');
    }
    const checked = answerSchema(call).safeParse(result);
    if (!checked.success) {
      options.onDefect?.(call, 'bad_output');
      return fail('internal');
    }
    return checked.data as Result<unknown> | Failure;
  };
}
