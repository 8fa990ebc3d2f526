ALTER TABLE `kiosks` ADD `enrolment_used_hash` text;--> statement-breakpoint
ALTER TABLE `kiosks` ADD `enrolment_install_id` text;