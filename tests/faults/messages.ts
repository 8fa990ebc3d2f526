import type { OutboxFigures } from '../../src/shared/portal-api/outbox';

/** One write the parent asks the kiosk child to queue; `ref` names it in the counts. */
export interface FaultItem {
  ref: string;
  kind: 'register' | 'reset_request' | 'event';
  body: unknown;
}

export type ParentMessage = { type: 'enqueue'; items: FaultItem[] } | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready' }
  /** The row of `ref` is committed in the kiosk's database. */
  | { type: 'ack'; ref: string }
  | { type: 'figures'; figures: OutboxFigures };
