import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { OutboxFigures } from '../../shared/portal-api/outbox';

/**
 * One row per signatory of a lease, as exported by the tenancy system. A signatory is keyed by its
 * lease and its identity, so re-importing updates rows in place. Nothing of it ever leaves for a
 * kiosk: identity is checked here, when a registration arrives.
 */
export const signatories = sqliteTable(
  'signatories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountNumber: text('account_number').notNull(),
    leaseId: text('lease_id').notNull(),
    agencyCode: text('agency_code').notNull(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    canonicalLast: text('canonical_last').notNull(),
    canonicalFirst: text('canonical_first').notNull(),
    dateOfBirth: text('date_of_birth').notNull(),
    leaseStatus: text('lease_status', { enum: ['current', 'ended'] }).notNull(),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [
    uniqueIndex('signatories_identity').on(t.leaseId, t.canonicalLast, t.canonicalFirst, t.dateOfBirth),
    index('signatories_account').on(t.accountNumber),
  ],
);

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    signatoryId: integer('signatory_id')
      .notNull()
      .references(() => signatories.id),
    email: text('email').notNull(),
    emailKey: text('email_key').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status', { enum: ['pending', 'active'] }).notNull(),
    language: text('language').notNull(),
    termsVersion: text('terms_version').notNull(),
    termsAcceptedAt: text('terms_accepted_at').notNull(),
    createdAt: text('created_at').notNull(),
    createdByKiosk: text('created_by_kiosk'),
    activatedAt: text('activated_at'),
    passwordChangedAt: text('password_changed_at'),
  },
  (t) => [uniqueIndex('accounts_signatory').on(t.signatoryId), uniqueIndex('accounts_email_key').on(t.emailKey)],
);

/** Activation and reset secrets: a link token and a 6-digit code, both stored hashed. */
export const oneTimeSecrets = sqliteTable(
  'one_time_secrets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    purpose: text('purpose', { enum: ['activation', 'reset'] }).notNull(),
    linkHash: text('link_hash').notNull(),
    linkExpiresAt: text('link_expires_at').notNull(),
    codeHash: text('code_hash').notNull(),
    codeExpiresAt: text('code_expires_at').notNull(),
    codeAttempts: integer('code_attempts').notNull().default(0),
    createdAt: text('created_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [uniqueIndex('secrets_link').on(t.linkHash), index('secrets_account').on(t.accountId, t.purpose)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    kioskId: text('kiosk_id'),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

export const kiosks = sqliteTable(
  'kiosks',
  {
    id: text('id').primaryKey(),
    agencyCode: text('agency_code').notNull(),
    label: text('label').notNull(),
    enrolmentCodeHash: text('enrolment_code_hash'),
    enrolmentExpiresAt: text('enrolment_expires_at'),
    /** The hash of the code that enrolled this row (kept so a used code is told from a wrong one). */
    enrolmentUsedHash: text('enrolment_used_hash'),
    /** The kiosk install that traded it: only it may replay the code, within ENROL_REPLAY_SECONDS. */
    enrolmentInstallId: text('enrolment_install_id'),
    credentialHash: text('credential_hash'),
    createdAt: text('created_at').notNull(),
    enrolledAt: text('enrolled_at'),
    revokedAt: text('revoked_at'),
    lastHeartbeatAt: text('last_heartbeat_at'),
    version: text('version'),
    /** The last heartbeat's outbox figures (counts and codes only, see outboxFiguresSchema). */
    outbox: text('outbox', { mode: 'json' }).$type<OutboxFigures>(),
    lastSyncAt: text('last_sync_at'),
    inService: integer('in_service', { mode: 'boolean' }),
  },
  (t) => [
    uniqueIndex('kiosks_enrolment').on(t.enrolmentCodeHash),
    uniqueIndex('kiosks_credential').on(t.credentialHash),
  ],
);

/**
 * What kiosks report with recordEvent: staff actions and journey outcomes as code words only (the
 * shared schema admits no free text), so no row can hold personal data.
 */
export const kioskEvents = sqliteTable(
  'kiosk_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kioskId: text('kiosk_id')
      .notNull()
      .references(() => kiosks.id),
    at: text('at').notNull(),
    receivedAt: text('received_at').notNull(),
    source: text('source', { enum: ['staff', 'journey'] }).notNull(),
    event: text('event').notNull(),
    outcome: text('outcome').notNull(),
    assisted: integer('assisted', { mode: 'boolean' }).notNull(),
    detail: text('detail'),
  },
  (t) => [index('kiosk_events_kiosk').on(t.kioskId, t.at)],
);

/**
 * Sessions of the fleet page (src/portal/fleet): opened with the portal's admin token, held by an
 * HttpOnly cookie. Only the id's SHA-256 is kept, so a copy of the table opens nothing.
 */
export const adminSessions = sqliteTable(
  'admin_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('admin_sessions_expiry').on(t.expiresAt)],
);

/**
 * The portal's sealing key pairs (X25519). The newest unretired one is served by /v1/keys; a retired
 * one still opens bodies until `retiredAt` + the grace period, so rows a kiosk sealed before a
 * rotation are delivered, then its private half is erased.
 */
export const sealingKeys = sqliteTable('sealing_keys', {
  keyId: text('key_id').primaryKey(),
  publicKey: text('public_key').notNull(),
  /** The private JWK; null once erased after its grace period. */
  privateJwk: text('private_jwk'),
  createdAt: text('created_at').notNull(),
  retiredAt: text('retired_at'),
});

/** A POST's stored answer, replayed for the same kiosk, key and body. */
export const idempotencyRecords = sqliteTable(
  'idempotency_records',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: text('response_body'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_created').on(t.createdAt)],
);

/**
 * One row per counted attempt (a failure, a probe, a sent email), kept until `expiresAt`: a key's
 * budget is the number of its live rows, so every limit is a rolling window shared by all portal
 * processes. Keys are keyed hashes (see security/throttle.ts), never an email or account number.
 */
export const throttleEvents = sqliteTable(
  'throttle_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('throttle_events_key').on(t.key, t.expiresAt), index('throttle_events_expiry').on(t.expiresAt)],
);

/**
 * Emails waiting for the worker: written in the same transaction as the effect they announce, sent
 * after the answer, retried with backoff, and deleted once sent (links and codes do not stay).
 */
export const mailQueue = sqliteTable(
  'mail_queue',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /** Set while one worker sends it, so two portal processes do not send it twice. */
    leaseUntil: text('lease_until'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('mail_queue_due').on(t.nextAttemptAt)],
);

/**
 * "Send this address an activation / reset email if it has an account": written by the request for
 * any address (so the request does the same work whatever the address), resolved by the mail worker,
 * which issues the secret and queues the email in one transaction and deletes the row.
 */
export const mailRequests = sqliteTable('mail_requests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['activation', 'reset'] }).notNull(),
  emailKey: text('email_key').notNull(),
  language: text('language'),
  createdAt: text('created_at').notNull(),
});

/** The portal's own secrets; the first sealing key pair was kept here before sealing_keys (moved on start). */
export const portalSecrets = sqliteTable('portal_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
});

/**
 * « Pourquoi ? » (issue #12): a refused identity check the kiosk marked assisted gets an opaque,
 * random reference; staff at that kiosk may ask once, before `expiresAt`, which kind of problem it
 * was. Only the reference's SHA-256 is kept, with the kind (a closed list, no personal data) and
 * the keyed hash of the identity budget it counts against.
 */
export const attemptRefs = sqliteTable(
  'attempt_refs',
  {
    refHash: text('ref_hash').primaryKey(),
    kioskId: text('kiosk_id').notNull(),
    kind: text('kind', {
      enum: ['not_found', 'lease_ended', 'already_active', 'pending_activation', 'too_many_attempts'],
    }).notNull(),
    /** The throttle key of the attempt's account-number budget (a keyed hash, see security/throttle.ts). */
    budgetKey: text('budget_key').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [index('attempt_refs_expiry').on(t.expiresAt)],
);
