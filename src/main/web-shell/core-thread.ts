// Only Node's own modules here: the entry files spawn the core thread before anything else loads.
import { Worker } from 'node:worker_threads';
import type { CallContext, Dispatch } from '../../shared/kiosk-api';
import type { Result } from '../../shared/result';
import type { LoadConfigOptions } from '../core/config';

/** What the core thread needs to load and check the configuration itself, then start the core. */
export interface StartCore {
  type: 'start';
  load: LoadConfigOptions & { env: Record<string, string | undefined> };
  root: string;
}
/** Main thread → core thread. */
export type ToCore =
  StartCore | { type: 'call'; id: number; call: unknown; input: unknown; ctx: CallContext } | { type: 'close' };
/** Core thread → main thread. A call's result is null when the call threw (a 400, as before). */
export type FromCore =
  | { type: 'ready'; mailboxUrl: string | null }
  | { type: 'failed'; error: { name: string; message: string } }
  | { type: 'answer'; id: number; result: Result<unknown> | null }
  | { type: 'closed' };

export interface CoreThread {
  /** Forwards a call to the core; one made before the core is ready waits for it there. */
  dispatch: Dispatch;
  /** Starts the core; resolves once it answers, with the embedded demo portal's mailbox page if any. */
  start(options: Omit<StartCore, 'type'>): Promise<{ mailboxUrl: string | null }>;
  /** Closes the core (and the demo portal), then ends the thread. */
  close(): Promise<void>;
}

/** A start failure crosses as plain data: its name and message (run.ts names it again). */
export class CoreStartError extends Error {
  constructor(
    readonly original: string,
    message: string,
  ) {
    super(message);
    this.name = 'CoreStartError';
  }
}

/**
 * Spawns the web shell's kiosk core thread (out/main/web-shell-core.js, beside the entry files, which
 * call this first of all), so its modules load meanwhile; its start carries what it needs to load and
 * check the configuration itself. Calls and results cross as plain data, already parsed by the
 * shared schemas on the core's side, as over IPC. A core that dies after its start ends the process,
 * as it did when it ran on the main thread.
 */
export function spawnCoreThread(file: URL): CoreThread {
  const worker = new Worker(file);
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let started: { resolve: (v: { mailboxUrl: string | null }) => void; reject: (e: Error) => void } | null = null;
  let ready = false;
  let closed: (() => void) | null = null;

  // The thread failing before its start was asked for (its modules did not load): the start says so.
  let early: Error | null = null;
  const broken = (error: Error) => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
    if (!ready && started) return started.reject(error);
    if (!ready) return void (early = error);
    if (!closed)
      process.nextTick(() => {
        throw error;
      });
  };
  worker.on('error', broken);
  let exited = false;
  worker.on('exit', () => {
    exited = true;
    if (closed) closed();
    else broken(new Error('the kiosk core thread ended'));
  });
  worker.on('message', (message: FromCore) => {
    if (message.type === 'answer') {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.result) call?.resolve(message.result);
      else call?.reject(new Error('kiosk call failed'));
    } else if (message.type === 'ready') {
      ready = true;
      started?.resolve({ mailboxUrl: message.mailboxUrl });
    } else if (message.type === 'failed') {
      started?.reject(new CoreStartError(message.error.name, message.error.message));
    } else {
      void worker.terminate();
    }
  });
  const post = (message: ToCore) => worker.postMessage(message);

  return {
    dispatch: (call, input, ctx) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        post({ type: 'call', id, call, input, ctx: { channel: ctx.channel } });
      }),
    start: (options) =>
      new Promise((resolve, reject) => {
        started = { resolve, reject };
        if (early) reject(early);
        else post({ type: 'start', ...options });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        closed = resolve;
        if (exited) resolve();
        // Never started (a bad configuration, a thread that failed): nothing to close but the thread.
        else if (started && !early) post({ type: 'close' });
        else void worker.terminate();
      }),
  };
}
