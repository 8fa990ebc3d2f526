CREATE TABLE `mail_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`email_key` text NOT NULL,
	`language` text,
	`created_at` text NOT NULL
);
