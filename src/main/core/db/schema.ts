import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LANGUAGES } from '../../../shared/locale';
import { OUTBOX_KINDS } from '../../../shared/portal-api/outbox';

export const OUTBOX_STATES = ['pending', 'in_flight', 'delivered', 'refused'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Small facts about this kiosk (schema version notes, last portal check…); never personal data. */
export const kioskMeta = sqliteTable('kiosk_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** One row per visit, for staff figures: when it started and how it ended. Nothing about who. */
export const visits = sqliteTable('visits', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull(),
  endedAt: text('ended_at'),
  endReason: text('end_reason', { enum: ['finished', 'idle', 'restart'] }),
});

/**
 * What staff set at this kiosk (README.md « Staff mode »), one row (id 1). A null language means the
 * configuration's; out of service stops new visits but not the staff entry.
 */
export const kioskSettings = sqliteTable('kiosk_settings', {
  id: integer('id').primaryKey(),
  defaultLanguage: text('default_language', { enum: LANGUAGES }),
  outOfService: integer('out_of_service', { mode: 'boolean' }).notNull().default(false),
  updatedAt: text('updated_at').notNull(),
});

/** Wrong staff PINs in a row and the lock-out they caused, one row (id 1): kept across restarts. */
export const staffPinGuard = sqliteTable('staff_pin_guard', {
  id: integer('id').primaryKey(),
  failures: integer('failures').notNull().default(0),
  /** Lock-outs since the last right PIN: each one lasts twice as long as the one before. */
  lockouts: integer('lockouts').notNull().default(0),
  lockedUntil: text('locked_until'),
  updatedAt: text('updated_at').notNull(),
});

/** Every staff action and its outcome. Nothing about people: no PIN, no tenant, no free text. */
export const staffAudit = sqliteTable('staff_audit', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  action: text('action', {
    enum: [
      'unlock',
      'set_default_language',
      'set_out_of_service',
      'leave',
      'session_end',
      'sync_now',
      'assisted_visit_start',
      'resend_activation',
      'registration_why',
    ],
  }).notNull(),
  /** `refused`: a staff call without a staff session. */
  outcome: text('outcome', { enum: ['ok', 'wrong_pin', 'locked_out', 'not_configured', 'refused'] }).notNull(),
  /** The value set (a language code, "on"/"off") or how a session ended ("finished", "idle"…). */
  detail: text('detail'),
});

/**
 * The outbox (README.md « Outbox »): every write meant for the portal, committed before the tenant is told
 * anything. `payload` is the sealed envelope (or an audit event's plain body, codes only); it is
 * erased when the portal refuses the row, and a delivered row is deleted with secure_delete on.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: OUTBOX_KINDS }).notNull(),
    /** Made once, at enqueue: every attempt of the row sends the same key. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** JSON: a sealed envelope when `sealed`, else the route's plain body. Null once refused. */
    payload: text('payload'),
    sealed: integer('sealed', { mode: 'boolean' }).notNull(),
    state: text('state', { enum: OUTBOX_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** ISO time before which the drainer leaves the row alone (backoff). */
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastErrorCode: text('last_error_code'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('outbox_due').on(t.state, t.nextAttemptAt)],
);

/** What the kiosk keeps from the portal to work offline (its public key, terms, settings): never about tenants. */
export const portalCache = sqliteTable('portal_cache', {
  name: text('name').primaryKey(),
  /** JSON, parsed with the contract's schema on every read. */
  value: text('value').notNull(),
  fetchedAt: text('fetched_at').notNull(),
});
