/** What a stop waits for: the start under way (or done), whose result it closes. */
interface Closable {
  close(): Promise<void>;
}

/**
 * SIGINT and SIGTERM end the process with 0 once what was started has closed. The handlers go in
 * before the start: a service manager may stop a slow start, and a stop then waits for that start
 * and closes what it opened instead of the process dying by the signal.
 */
export function stopOnSignals(starting: () => Promise<Closable> | null, beforeClose?: () => void) {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    beforeClose?.();
    void Promise.resolve(starting())
      .then((running) => running?.close())
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    stop,
    /** A start that failed because the stop came first is not a failure to report. */
    get stopping() {
      return stopping;
    },
  };
}
