import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { OutboxFigures } from '../../src/shared/portal-api/outbox';
import type { ChildMessage, FaultItem, ParentMessage } from './messages';

const CHILD = join(import.meta.dirname, 'kiosk-child.ts');

/** Rows the kiosk still has to deliver (waiting or being sent), every kind together. */
export const undelivered = (f: OutboxFigures | null): number =>
  f ? Object.values(f.byKind).reduce((n, k) => n + (k?.pending ?? 0) + (k?.inFlight ?? 0), 0) : Infinity;

/** Rows sent and not yet answered. */
export const inFlight = (f: OutboxFigures | null): number =>
  f ? Object.values(f.byKind).reduce((n, k) => n + (k?.inFlight ?? 0), 0) : 0;

/** One run of the kiosk child: started on a data dir, fed items, SIGKILLed or stopped. */
export class KioskProcess {
  readonly #child: ChildProcess;
  readonly exited: Promise<number | null>;
  #ready: Promise<boolean>;
  figures: OutboxFigures | null = null;
  /** When the last figures arrived (ms since the epoch). */
  figuresAt = 0;

  constructor(env: { dataDir: string; portalUrl: string; enrolmentCode: string }, onAck: (ref: string) => void) {
    this.#child = fork(CHILD, [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        FAULTS_DATA_DIR: env.dataDir,
        FAULTS_PORTAL_URL: env.portalUrl,
        FAULTS_ENROLMENT_CODE: env.enrolmentCode,
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.exited = new Promise((resolve) => this.#child.once('exit', (code) => resolve(code)));
    this.#ready = new Promise((resolve) => {
      this.#child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') resolve(true);
        else if (message.type === 'ack') onAck(message.ref);
        else if (message.type === 'figures') {
          this.figures = message.figures;
          this.figuresAt = Date.now();
        }
      });
      void this.exited.then(() => resolve(false));
    });
  }

  /** True once enrolled with the sealing key cached; false if it died first. */
  ready(): Promise<boolean> {
    return this.#ready;
  }

  alive(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  send(items: FaultItem[]): void {
    if (this.#child.connected) this.#child.send({ type: 'enqueue', items } satisfies ParentMessage);
  }

  /** Figures reported after `since` (ms since the epoch), waiting for them. */
  async freshFigures(since = Date.now()): Promise<OutboxFigures | null> {
    while (this.figuresAt <= since) {
      if (!this.alive()) return null;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.figures;
  }

  async kill(): Promise<void> {
    this.#child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.#child.connected) this.#child.send({ type: 'stop' } satisfies ParentMessage);
    await this.exited;
  }
}
