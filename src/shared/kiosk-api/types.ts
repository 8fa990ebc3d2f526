import type { z } from 'zod';
import type { Result } from '../result';
import type { CommonError } from './define';
import type { CallName, KioskApi } from './calls';

export type CallInput<N extends CallName> = z.input<KioskApi[N]['input']>;
export type CallOutput<N extends CallName> = z.output<KioskApi[N]['output']>;
export type CallError<N extends CallName> = KioskApi[N]['errors'][number] | CommonError;
export type CallResult<N extends CallName> = Result<CallOutput<N>, CallError<N>>;

/** What the renderer sees as `window.kiosk`: one function per call. */
export type KioskClient = { [N in CallName]: (input: CallInput<N>) => Promise<CallResult<N>> };

/** Who is calling: the binder passes it to handlers (the visit they belong to, for instance). */
export interface CallContext {
  readonly channel: 'ipc' | 'web';
}

/** What a handler receives: the call's input as its schema parsed it (defaults applied, canonical). */
export type ParsedInput<N extends CallName> = z.output<KioskApi[N]['input']>;
/** What the core answers a call with: its output, or one of its own refusals (not the transport's). */
export type CallAnswer<N extends CallName> = Result<CallOutput<N>, KioskApi[N]['errors'][number]>;

export type Handler<N extends CallName> = (
  input: ParsedInput<N>,
  ctx: CallContext,
) => Promise<Result<CallOutput<N>, KioskApi[N]['errors'][number] | 'unavailable'>>;

export type KioskHandlers = { [N in CallName]: Handler<N> };
/** A domain's share of the handlers, e.g. `app`, `registration`. */
export type HandlerGroup<K extends CallName> = { [N in K]: Handler<N> };

/** Sends one call over a transport (IPC invoke, HTTP POST) and returns the raw answer. */
export type Transport = (call: CallName, input: unknown) => Promise<unknown>;
