CREATE TABLE `kiosk_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kiosk_id` text NOT NULL,
	`at` text NOT NULL,
	`received_at` text NOT NULL,
	`source` text NOT NULL,
	`event` text NOT NULL,
	`outcome` text NOT NULL,
	`assisted` integer NOT NULL,
	`detail` text,
	FOREIGN KEY (`kiosk_id`) REFERENCES `kiosks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kiosk_events_kiosk` ON `kiosk_events` (`kiosk_id`,`at`);--> statement-breakpoint
CREATE TABLE `sealing_keys` (
	`key_id` text PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`private_jwk` text,
	`created_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
DROP INDEX `signatories_feed`;--> statement-breakpoint
ALTER TABLE `signatories` DROP COLUMN `feed_seq`;--> statement-breakpoint
ALTER TABLE `kiosks` ADD `outbox` text;--> statement-breakpoint
ALTER TABLE `kiosks` DROP COLUMN `outbox_depth`;