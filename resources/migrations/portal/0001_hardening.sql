CREATE TABLE `mail_queue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`lease_until` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mail_queue_due` ON `mail_queue` (`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `throttle_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `throttle_events_key` ON `throttle_events` (`key`,`expires_at`);--> statement-breakpoint
CREATE INDEX `throttle_events_expiry` ON `throttle_events` (`expires_at`);--> statement-breakpoint
CREATE INDEX `idempotency_created` ON `idempotency_records` (`created_at`);