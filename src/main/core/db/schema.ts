import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
