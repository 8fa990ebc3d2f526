CREATE TABLE `attempt_refs` (
	`ref_hash` text PRIMARY KEY NOT NULL,
	`kiosk_id` text NOT NULL,
	`kind` text NOT NULL,
	`budget_key` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text
);
--> statement-breakpoint
CREATE INDEX `attempt_refs_expiry` ON `attempt_refs` (`expires_at`);