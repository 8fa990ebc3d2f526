CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`signatory_id` integer NOT NULL,
	`email` text NOT NULL,
	`email_key` text NOT NULL,
	`password_hash` text NOT NULL,
	`status` text NOT NULL,
	`language` text NOT NULL,
	`terms_version` text NOT NULL,
	`terms_accepted_at` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by_kiosk` text,
	`activated_at` text,
	`password_changed_at` text,
	FOREIGN KEY (`signatory_id`) REFERENCES `signatories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_signatory` ON `accounts` (`signatory_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_email_key` ON `accounts` (`email_key`);--> statement-breakpoint
CREATE TABLE `idempotency_records` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status_code` integer,
	`response_body` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `kiosks` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_code` text NOT NULL,
	`label` text NOT NULL,
	`enrolment_code_hash` text,
	`enrolment_expires_at` text,
	`credential_hash` text,
	`created_at` text NOT NULL,
	`enrolled_at` text,
	`revoked_at` text,
	`last_heartbeat_at` text,
	`version` text,
	`outbox_depth` integer,
	`last_sync_at` text,
	`in_service` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kiosks_enrolment` ON `kiosks` (`enrolment_code_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `kiosks_credential` ON `kiosks` (`credential_hash`);--> statement-breakpoint
CREATE TABLE `one_time_secrets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`purpose` text NOT NULL,
	`link_hash` text NOT NULL,
	`link_expires_at` text NOT NULL,
	`code_hash` text NOT NULL,
	`code_expires_at` text NOT NULL,
	`code_attempts` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `secrets_link` ON `one_time_secrets` (`link_hash`);--> statement-breakpoint
CREATE INDEX `secrets_account` ON `one_time_secrets` (`account_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `portal_secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`kiosk_id` text,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_account` ON `sessions` (`account_id`);--> statement-breakpoint
CREATE TABLE `signatories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_number` text NOT NULL,
	`lease_id` text NOT NULL,
	`agency_code` text NOT NULL,
	`last_name` text NOT NULL,
	`first_name` text NOT NULL,
	`canonical_last` text NOT NULL,
	`canonical_first` text NOT NULL,
	`date_of_birth` text NOT NULL,
	`lease_status` text NOT NULL,
	`feed_seq` integer NOT NULL,
	`imported_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signatories_identity` ON `signatories` (`lease_id`,`canonical_last`,`canonical_first`,`date_of_birth`);--> statement-breakpoint
CREATE INDEX `signatories_account` ON `signatories` (`account_number`);--> statement-breakpoint
CREATE INDEX `signatories_feed` ON `signatories` (`agency_code`,`feed_seq`);--> statement-breakpoint
CREATE TABLE `throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_started_at` text NOT NULL,
	`blocked_until` text
);
